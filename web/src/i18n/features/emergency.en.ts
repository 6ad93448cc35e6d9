import type { Messages } from '../zh-CN.js';
import type source from './emergency.zh-CN.js';

const emergencyen: Messages<typeof source> = {
  title: 'Emergency',
};

export default emergencyen;
