/** 简体中文 texts of the disclosures pages (the source; other languages carry exactly these keys). */
const disclosureszhCN = {
  title: '村务公开',
};

export default disclosureszhCN;
