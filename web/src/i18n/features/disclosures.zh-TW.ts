import type { Messages } from '../zh-CN.js';
import type source from './disclosures.zh-CN.js';

const disclosureszhTW: Messages<typeof source> = {
  title: '村務公開',
};

export default disclosureszhTW;
