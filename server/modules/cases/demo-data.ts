/**
 * What the demo's cases are about (pure data): the requests Zhuzhou's
 * newspapers report (seed 004: 书城对面的夜宵摊太吵, 汆溪小学门口的安全; seed
 * 001: 低保 in the village groups; old-community renewal and lift
 * installation, 医保电子凭证, traffic …), each with the unit's result as a
 * cadre would write it. `{place}` becomes the village or community's name.
 * `weight` is how often such a request comes in, relative to the others.
 */
export interface CaseTemplate {
  category: string;
  title: string;
  description: string;
  result: string;
  weight: number;
}

export const CASE_TEMPLATES: CaseTemplate[] = [
  // 噪音 (seed 004: answered in a minute, quiet in thirteen)
  { category: 'environment.noise', title: '书城对面夜宵摊太吵影响休息', description: '{place}书城对面的夜宵摊每晚营业到凌晨一两点，划拳喝酒声音很大，影响休息，能管管吗？', result: '社区联合城管到现场劝导，摊主已将桌椅收进店内，承诺晚上十一点后不再外摆。', weight: 6 },
  { category: 'environment.noise', title: '广场舞音响声音太大', description: '{place}小广场每晚七点到九点半跳广场舞，音响开得很大，家里有高三学生复习受影响。', result: '已与广场舞队负责人沟通，音量调低并改用定向音箱，晚上九点前结束。', weight: 5 },
  { category: 'environment.noise', title: '楼上装修夜间施工噪音', description: '{place}楼上住户装修，晚上十点以后还在电钻、敲墙，老人和小孩无法入睡。', result: '物业上门告知装修时间规定，业主已承诺只在工作日8:00-12:00、14:00-18:00施工。', weight: 4 },
  { category: 'environment.noise', title: '工地夜间违规施工', description: '{place}附近工地连续几晚通宵打桩，没有看到夜间施工许可公示。', result: '经核查该工地无夜间施工许可，已责令停止夜间作业，并纳入重点巡查。', weight: 3 },
  { category: 'environment.noise', title: '门店高音喇叭招揽生意', description: '{place}街边几家门店用高音喇叭循环播放促销广告，从早到晚不停。', result: '城管队员上门宣传噪声污染防治法，门店已撤下喇叭。', weight: 2 },
  // 垃圾
  { category: 'environment.garbage', title: '垃圾桶满了几天没人清运', description: '{place}路口的垃圾桶已经满了三天，垃圾堆到地上，天热有臭味。', result: '已协调环卫公司当日清运，并将该点位清运频次调整为每日两次。', weight: 5 },
  { category: 'environment.garbage', title: '小区角落建筑垃圾乱堆', description: '{place}小区东北角堆了很多装修后的建筑垃圾，占了消防通道。', result: '物业已组织清运建筑垃圾，并设置装修垃圾临时堆放点。', weight: 3 },
  { category: 'environment.garbage', title: '河边有人倾倒生活垃圾', description: '{place}河边经常有人倒生活垃圾，希望安排清理并设置提示牌。', result: '村里组织保洁员清理河岸垃圾，新设两处垃圾收集点和警示牌。', weight: 2 },
  { category: 'environment.pollution', title: '餐馆油烟直排到居民楼', description: '{place}一楼餐馆油烟没有净化装置，直接排到楼道里，窗户都不敢开。', result: '执法人员现场检查，责令餐馆安装油烟净化器，复查时已安装到位。', weight: 3 },
  { category: 'environment.pollution', title: '有人焚烧秸秆烟很大', description: '{place}田边有人焚烧秸秆，烟雾很大，飘到村里。', result: '镇村干部到场扑灭火点，宣传秸秆禁烧政策，并推广秸秆还田。', weight: 2 },
  // 路灯、道路
  { category: 'infrastructure.streetlight', title: '路灯不亮晚上看不见路', description: '{place}主路上有三盏路灯坏了一个多星期，晚上老人出门看不清路。', result: '路灯维护班组已更换灯具和线路，三盏路灯恢复照明。', weight: 6 },
  { category: 'infrastructure.streetlight', title: '路灯白天也亮着浪费电', description: '{place}这一段路灯白天也一直亮着，应该是控制器坏了。', result: '已更换路灯时控器，恢复按时开关。', weight: 2 },
  { category: 'infrastructure.road', title: '道路破损坑洼多', description: '{place}进村道路有好几个大坑，下雨天积水，电动车容易摔倒。', result: '已对破损路面进行修补，共修补坑槽6处约40平方米。', weight: 5 },
  { category: 'infrastructure.road', title: '井盖松动踩上去响', description: '{place}人行道上有个井盖松动，踩上去会翘，担心有人掉下去。', result: '已通知权属单位更换井盖并加固井座，已设置临时警示。', weight: 3 },
  { category: 'infrastructure.road', title: '学校门口需要减速带和警示牌', description: '{place}小学门口车多路窄，放学时学生过马路很危险，能否设警示牌、警示灯、减速带？', result: '已在校门口两侧安装减速带和警示牌，并设立护学岗，上下学时段由党员志愿者疏导交通。', weight: 3 },
  { category: 'infrastructure.drainage', title: '下水道堵塞污水外溢', description: '{place}小区下水道堵了，污水从井盖冒出来，味道很大。', result: '已安排疏通车清理管道，污水已排净并对周边消毒。', weight: 4 },
  { category: 'infrastructure.drainage', title: '一下雨路口就积水', description: '{place}路口地势低，一下大雨就积水没过脚踝，排水口被堵。', result: '已清掏雨水口和排水管，并在低洼处增设一个雨水口。', weight: 2 },
  // 供水供电
  { category: 'utilities.water', title: '停水没有提前通知', description: '{place}从早上开始停水，没有看到任何通知，家里老人做饭都成问题。', result: '因主管爆管抢修停水，已于当日下午恢复供水，今后停水将提前在群里通知。', weight: 4 },
  { category: 'utilities.water', title: '自来水水压太低', description: '{place}高层住户自来水水压太低，早晚用水高峰基本没水。', result: '已调整二次供水泵房运行参数，高峰时段水压恢复正常。', weight: 3 },
  { category: 'utilities.water', title: '自来水发黄有异味', description: '{place}这两天自来水发黄，有铁锈味，不敢喝。', result: '水务公司对管网进行冲洗并取样检测，水质已达标。', weight: 2 },
  { category: 'utilities.power', title: '经常停电跳闸', description: '{place}最近一周停电三次，冰箱里的东西都坏了。', result: '供电所更换了老化的变压器出线，加装一台配变，线路负荷恢复正常。', weight: 3 },
  { category: 'utilities.gas', title: '天然气开户进度', description: '{place}新房申请天然气开户一个多月了，还没有上门安装。', result: '燃气公司已上门完成通气安装，并说明了后续缴费方式。', weight: 1 },
  // 电梯、物业、老旧小区
  { category: 'housing.elevator', title: '电梯经常故障停运', description: '{place}3栋电梯这个月坏了四次，楼上住的都是老人，上下楼很困难。', result: '已督促维保单位更换控制主板，市场监管部门对该电梯进行了检验，运行正常。', weight: 4 },
  { category: 'housing.renewal', title: '老旧小区申请加装电梯', description: '{place}我们单元七楼以上都是老人，已征得大部分住户同意，想申请加装电梯，需要哪些手续？', result: '社区已上门讲解加装电梯政策和补贴标准，协助住户完成意见征询，项目已进入设计阶段。', weight: 3 },
  { category: 'housing.renewal', title: '老旧小区改造什么时候开始', description: '{place}小区外墙脱落、管网老化，听说要纳入老旧小区改造，什么时候开始？', result: '该小区已列入今年老旧小区改造计划，改造内容包括管网、外墙和停车位，预计下月进场施工。', weight: 3 },
  { category: 'housing.property', title: '物业不作为楼道灯坏了没人修', description: '{place}楼道灯坏了半个月，跟物业说了好几次都没人来修。', result: '社区约谈物业公司，楼道灯已全部修复，物业承诺报修24小时内处理。', weight: 4 },
  { category: 'housing.property', title: '物业费上涨没有公示', description: '{place}物业突然通知物业费上涨，没有召开业主大会，也没有公示。', result: '住建部门约谈物业公司，涨价暂缓执行，需依法召开业主大会表决。', weight: 2 },
  // 交通
  { category: 'traffic.parking', title: '车辆乱停堵住消防通道', description: '{place}小区消防通道天天被私家车占着，万一有火灾消防车进不来。', result: '交警对占道车辆进行了劝离和处罚，物业已在通道两侧施划禁停标线。', weight: 4 },
  { category: 'traffic.parking', title: '店门口乱停车占人行道', description: '{place}街边店门口汽车停在人行道上，行人只能走机动车道。', result: '已安装隔离桩，并加强该路段巡查。', weight: 2 },
  { category: 'traffic.bus', title: '公交班次太少等车太久', description: '{place}到市区的公交早高峰要等四十分钟，希望增加班次。', result: '公交公司已在早晚高峰各增加两个班次，发车间隔缩短到15分钟。', weight: 2 },
  // 社保、低保、养老、医保
  { category: 'social.assistance', title: '低保申请进度咨询', description: '我家在{place}，老伴生病后家里收入很低，上个月提交了低保申请，想问一下现在审核到哪一步了？', result: '经入户核查符合条件，已在村务公开栏公示，下月起发放低保金。', weight: 5 },
  { category: 'social.assistance', title: '低保名单是否公开', description: '{place}今年低保户名单在哪里能看到？有人说有不符合条件的也评上了。', result: '村里已在公开栏和村务群公示低保名单，并对反映的情况进行核查，未发现违规。', weight: 3 },
  { category: 'social.assistance', title: '临时救助怎么申请', description: '{place}邻居家房子失火，生活困难，请问临时救助怎么申请？', result: '已协助其提交临时救助申请，镇里审批后发放救助金并送去生活物资。', weight: 2 },
  { category: 'social.elderly', title: '高龄补贴没有到账', description: '我父亲住在{place}，今年满八十岁，高龄补贴一直没有到账。', result: '民政部门核实后补录了信息，补贴已补发到账。', weight: 3 },
  { category: 'social.elderly', title: '希望社区开办老年食堂', description: '{place}独居老人多，吃饭不方便，希望社区能开个老年食堂。', result: '社区居家养老服务中心已开设助餐点，每天中午为老人提供午餐。', weight: 2 },
  { category: 'social.insurance', title: '医保电子凭证激活不了', description: '在{place}卫生院看病时医保电子凭证激活不了，提示身份信息不一致。', result: '医保部门核对后更正了参保信息，电子凭证已可正常使用，并上门教老人使用方法。', weight: 4 },
  { category: 'social.insurance', title: '异地就医报销咨询', description: '{place}村民在外地住院，想问异地就医备案和报销怎么办理。', result: '已电话告知异地就医备案流程，协助通过手机完成备案，出院后可直接结算。', weight: 3 },
  { category: 'social.insurance', title: '城乡居民医保缴费问题', description: '{place}有几户老人不会用手机缴医保，希望村里能帮忙代缴。', result: '村里安排网格员上门协助缴费，已完成全部未缴户的缴费。', weight: 2 },
  // 市场、纠纷
  { category: 'market.food', title: '超市卖过期食品', description: '在{place}附近超市买到过期的牛奶，生产日期是三个月前。', result: '市场监管部门检查了该超市，下架过期食品并依法处罚，已为消费者退款。', weight: 2 },
  { category: 'market.price', title: '停车场乱收费', description: '{place}附近停车场收费标准没有公示，停两个小时收了二十块。', result: '已责令停车场公示收费标准，并退还多收费用。', weight: 1 },
  { category: 'dispute.neighbour', title: '邻居占用公共楼道堆杂物', description: '{place}邻居在楼道里堆了很多杂物，说了不听，还吵了起来。', result: '网格员和调解员上门调解，双方达成协议，杂物已清理。', weight: 3 },
  { category: 'dispute.wages', title: '工地拖欠农民工工资', description: '{place}附近工地老板拖欠我们十几个人三个月工资，一直说没钱。', result: '人社部门约谈施工单位，拖欠工资已全部结清。', weight: 2 },
  { category: 'other', title: '建议在江边增设休息座椅', description: '{place}江边散步的老人多，沿线没有可以休息的座椅，建议增设一些。', result: '已在沿江步道增设座椅12张。', weight: 1 },
];

/** Hotline callers' names for demo cases (no real people). */
export const DEMO_SURNAMES = ['谭', '易', '刘', '李', '陈', '周', '罗', '彭', '黄', '贺', '王', '张', '曾', '唐', '文', '邓', '肖', '何', '龙', '汤'];
export const DEMO_GIVEN = ['先生', '女士', '师傅', '阿姨', '大爷', '老师'];

/** Rough centres of the counties (for map points of demo cases). */
export const COUNTY_CENTRES: Record<string, [number, number]> = {
  '430202': [27.858, 113.165],
  '430203': [27.815, 113.152],
  '430204': [27.872, 113.118],
  '430211': [27.83, 113.08],
  '430212': [27.7, 113.15],
  '430223': [27.0, 113.35],
  '430224': [26.79, 113.54],
  '430225': [26.49, 113.77],
  '430281': [27.65, 113.5],
};
