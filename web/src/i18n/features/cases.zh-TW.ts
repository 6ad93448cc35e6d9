import type { Messages } from '../zh-CN.js';
import type source from './cases.zh-CN.js';

const caseszhTW: Messages<typeof source> = {
  title: '訴求',
};

export default caseszhTW;
