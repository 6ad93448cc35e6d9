/** 简体中文 texts of the cases pages (the source; other languages carry exactly these keys). */
const caseszhCN = {
  title: '诉求',
};

export default caseszhCN;
