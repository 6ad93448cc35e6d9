/** 简体中文 texts of the emergency pages (the source; other languages carry exactly these keys). */
const emergencyzhCN = {
  title: '应急',
};

export default emergencyzhCN;
