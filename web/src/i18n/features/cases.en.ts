import type { Messages } from '../zh-CN.js';
import type source from './cases.zh-CN.js';

const casesen: Messages<typeof source> = {
  title: 'Requests',
};

export default casesen;
