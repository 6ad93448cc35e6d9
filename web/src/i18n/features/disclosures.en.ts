import type { Messages } from '../zh-CN.js';
import type source from './disclosures.zh-CN.js';

const disclosuresen: Messages<typeof source> = {
  title: 'Village affairs',
};

export default disclosuresen;
