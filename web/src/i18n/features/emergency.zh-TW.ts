import type { Messages } from '../zh-CN.js';
import type source from './emergency.zh-CN.js';

const emergencyzhTW: Messages<typeof source> = {
  title: '應急',
};

export default emergencyzhTW;
