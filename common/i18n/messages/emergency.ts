import type { Catalogue } from '../catalogue.js';

/** Messages of emergency operations (incidents, grids, risk areas, notices, errands, health stations, transfers). */
export const emergencyMessages = {
  // ---- incidents, grids, tasks
  'emergency.incident_not_found': { 'zh-CN': '应急事件不存在或您无权查看', 'zh-TW': '應急事件不存在或您無權查看', en: 'No such incident, or you may not see it' },
  'emergency.incident_ended': { 'zh-CN': '该应急事件已结束，不能再修改', 'zh-TW': '該應急事件已結束，不能再修改', en: 'This incident has ended; it can no longer be changed' },
  'emergency.unknown_region': { 'zh-CN': '没有这个区划', 'zh-TW': '沒有這個區劃', en: 'There is no such region' },
  'emergency.region_outside_incident': {
    'zh-CN': '{field}不在本次应急事件的范围内',
    'zh-TW': '{field}不在本次應急事件的範圍內',
    en: '{field} lies outside the area of this incident',
  },
  'emergency.end_before_start': { 'zh-CN': '结束时间必须晚于开始时间', 'zh-TW': '結束時間必須晚於開始時間', en: 'The end must come after the start' },
  'emergency.blank': { 'zh-CN': '{field}不能只填空格', 'zh-TW': '{field}不能只填空白', en: '{field} cannot be blank' },
  'emergency.lat_lng_together': { 'zh-CN': '经度和纬度需要同时填写', 'zh-TW': '經度和緯度需要同時填寫', en: 'Give both latitude and longitude, or neither' },
  'emergency.grid_not_found': { 'zh-CN': '网格不存在', 'zh-TW': '網格不存在', en: 'No such grid' },
  'emergency.grid_region_level': {
    'zh-CN': '网格须是15位网格代码；片区（封控区）须挂在社区或村下并填写名称',
    'zh-TW': '網格須是15位網格代碼；片區（封控區）須掛在社區或村下並填寫名稱',
    en: 'A grid is a 15-digit grid code; a named zone belongs to a community or village and needs a name',
  },
  'emergency.grid_exists': { 'zh-CN': '本事件已有同名网格', 'zh-TW': '本事件已有同名網格', en: 'This incident already has a grid of that name there' },
  'emergency.person_not_found': { 'zh-CN': '没有这个人员', 'zh-TW': '沒有這個人員', en: 'There is no such person' },
  'emergency.capacity_mismatch': {
    'zh-CN': '此人没有相应身份，不能以该身份加入网格',
    'zh-TW': '此人沒有相應身分，不能以該身分加入網格',
    en: 'This person does not hold a role fitting that capacity',
  },
  'emergency.already_member': { 'zh-CN': '此人已在该网格的队伍中', 'zh-TW': '此人已在該網格的隊伍中', en: 'This person already serves on the grid’s team' },
  'emergency.not_member': { 'zh-CN': '此人不在该网格的队伍中', 'zh-TW': '此人不在該網格的隊伍中', en: 'This person does not serve on the grid’s team' },
  'emergency.task_not_found': { 'zh-CN': '任务不存在', 'zh-TW': '任務不存在', en: 'No such task' },
  'emergency.task_transition': {
    'zh-CN': '任务当前为“{status}”，不能改为“{to}”',
    'zh-TW': '任務目前為「{status}」，不能改為「{to}」',
    en: 'The task is {status}; it cannot become {to}',
  },
  'emergency.owner_not_on_team': {
    'zh-CN': '责任人须是该网格的格长或队员',
    'zh-TW': '負責人須是該網格的格長或隊員',
    en: 'The owner must be the grid’s leader or on its team',
  },
  'emergency.due_before_start': { 'zh-CN': '截止时间不能早于事件开始', 'zh-TW': '截止時間不能早於事件開始', en: 'The due time cannot be before the incident started' },

  // ---- risk areas
  'emergency.risk_area_not_found': { 'zh-CN': '风险区不存在', 'zh-TW': '風險區不存在', en: 'No such risk area' },
  'emergency.risk_area_exists': { 'zh-CN': '本事件已有同名风险区', 'zh-TW': '本事件已有同名風險區', en: 'This incident already has a risk area of that name there' },
  'emergency.risk_area_lifted': { 'zh-CN': '该风险区已解除', 'zh-TW': '該風險區已解除', en: 'This risk area has been lifted' },
  'emergency.risk_level_unchanged': { 'zh-CN': '该风险区已是这个等级', 'zh-TW': '該風險區已是這個等級', en: 'The area already has that level' },
  'emergency.effective_before_start': {
    'zh-CN': '生效时间不能早于事件开始或该区域上一次调整',
    'zh-TW': '生效時間不能早於事件開始或該區域上一次調整',
    en: 'The effective time cannot be before the incident started or before the area’s last change',
  },
  'emergency.duplicate_ids': { 'zh-CN': '{field}中有重复项', 'zh-TW': '{field}中有重複項', en: '{field} lists the same item twice' },
  'emergency.risk_summary.changed': {
    'zh-CN': '{count}个{from}于{time}降为{to}',
    'zh-TW': '{count}個{from}於{time}降為{to}',
    en: '{count} {from}(s) became {to}(s) at {time}',
  },
  'emergency.risk_summary.raised': {
    'zh-CN': '{count}个{from}于{time}升为{to}',
    'zh-TW': '{count}個{from}於{time}升為{to}',
    en: '{count} {from}(s) became {to}(s) at {time}',
  },
  'emergency.risk_summary.designated': {
    'zh-CN': '{count}个区域于{time}划为{to}',
    'zh-TW': '{count}個區域於{time}劃為{to}',
    en: '{count} area(s) designated {to}(s) at {time}',
  },
  'emergency.risk_summary.lifted': {
    'zh-CN': '{count}个{from}于{time}解除管控',
    'zh-TW': '{count}個{from}於{time}解除管控',
    en: '{count} {from}(s) lifted at {time}',
  },

  // ---- notices
  'emergency.notice_not_found': { 'zh-CN': '通告不存在或您无权查看', 'zh-TW': '通告不存在或您無權查看', en: 'No such notice, or you may not see it' },
  'emergency.household_not_recipient': { 'zh-CN': '该住户不在这份通告的送达范围内', 'zh-TW': '該住戶不在這份通告的送達範圍內', en: 'That household is not among this notice’s recipients' },

  // ---- needs and errands
  'emergency.need_not_found': { 'zh-CN': '求助不存在或您无权查看', 'zh-TW': '求助不存在或您無權查看', en: 'No such need, or you may not see it' },
  'emergency.no_household': {
    'zh-CN': '需要先在本区域登记并核实住户，才能发布求助',
    'zh-TW': '需要先在本區域登記並核實住戶，才能發布求助',
    en: 'Register a verified household in this area before posting a need',
  },
  'emergency.choose_household': { 'zh-CN': '您有多个住户，请选择为哪一户求助', 'zh-TW': '您有多個住戶，請選擇為哪一戶求助', en: 'You belong to several households; choose one' },
  'emergency.choose_grid': { 'zh-CN': '请选择所在的网格或封控片区', 'zh-TW': '請選擇所在的網格或封控片區', en: 'Choose your grid or sealed zone' },
  'emergency.grid_not_for_household': { 'zh-CN': '所选网格不包含您的住户', 'zh-TW': '所選網格不包含您的住戶', en: 'That grid does not contain your household' },
  'emergency.strength_required': {
    'zh-CN': '药品须填写完整名称和规格（如“硝苯地平控释片 30mg”）',
    'zh-TW': '藥品須填寫完整名稱和規格（如「硝苯地平控釋片 30mg」）',
    en: 'Medicines need their full name and strength (e.g. “nifedipine controlled-release 30 mg”)',
  },
  'emergency.errand_transition': {
    'zh-CN': '代办当前为“{status}”，不能“{action}”',
    'zh-TW': '代辦目前為「{status}」，不能「{action}」',
    en: 'The errand is {status}; “{action}” is not possible now',
  },
  'emergency.photo_required': { 'zh-CN': '交接时请拍一张照片', 'zh-TW': '交接時請拍一張照片', en: 'A photo is required at hand-over' },
  'emergency.photo_type': { 'zh-CN': '照片须是 JPEG、PNG 或 WebP 格式', 'zh-TW': '照片須是 JPEG、PNG 或 WebP 格式', en: 'The photo must be JPEG, PNG or WebP' },
  'emergency.photo_not_found': { 'zh-CN': '照片不存在', 'zh-TW': '照片不存在', en: 'No such photo' },
  // The need's case (cases/service.ts): its title and the notes the errand leaves on the case timeline.
  'emergency.case.title': { 'zh-CN': '封控求助：{items}', 'zh-TW': '封控求助：{items}', en: 'Lockdown need: {items}' },
  'emergency.case.description': {
    'zh-CN': '{urgency}求助，{compound}。物品：{items}。{note}',
    'zh-TW': '{urgency}求助，{compound}。物品：{items}。{note}',
    en: '{urgency} need at {compound}. Items: {items}. {note}',
  },
  'emergency.case.claim': { 'zh-CN': '志愿者已认领，正在办理', 'zh-TW': '志願者已認領，正在辦理', en: 'A volunteer has taken the errand on' },
  'emergency.case.release': { 'zh-CN': '原认领的志愿者已退回，正在等待其他志愿者认领', 'zh-TW': '原認領的志願者已退回，正在等待其他志願者認領', en: 'The volunteer gave the errand back; waiting for another' },
  'emergency.case.buy': { 'zh-CN': '志愿者已买到物品', 'zh-TW': '志願者已買到物品', en: 'The volunteer has bought the items' },
  'emergency.case.reach_gate': { 'zh-CN': '物品已送到小区门口', 'zh-TW': '物品已送到社區門口', en: 'The items are at the compound gate' },
  'emergency.case.hand_over': { 'zh-CN': '物品已拍照交给小区志愿者', 'zh-TW': '物品已拍照交給社區志願者', en: 'The items were handed to the compound volunteer (photo taken)' },
  'emergency.case.deliver': { 'zh-CN': '物品已送到家门口', 'zh-TW': '物品已送到家門口', en: 'The items were delivered to the door' },
  'emergency.case.confirm': { 'zh-CN': '居民已确认收到', 'zh-TW': '居民已確認收到', en: 'The resident confirmed receipt' },
  'emergency.case.cancel': { 'zh-CN': '求助已取消', 'zh-TW': '求助已取消', en: 'The need was cancelled' },
  'emergency.case.cancel_by_coordinator': { 'zh-CN': '网格协调员取消了该求助', 'zh-TW': '網格協調員取消了該求助', en: 'The grid coordinator cancelled the need' },
  'emergency.need_case_ended': {
    'zh-CN': '该求助的诉求已{status}，求助已自动取消，无需再办',
    'zh-TW': '該求助的訴求已{status}，求助已自動取消，無需再辦',
    en: 'The need’s case was {status}; the need has been cancelled and needs nothing more',
  },
  'emergency.case.ended_elsewhere': { 'zh-CN': '诉求已{status}，求助自动取消', 'zh-TW': '訴求已{status}，求助自動取消', en: 'The case was {status}; the need was cancelled' },
  // Needs recorded by staff for a caller (phone).
  'emergency.record_need_forbidden': {
    'zh-CN': '只有该区域的网格员、社区（村）干部和街道干部可以代居民登记求助',
    'zh-TW': '只有該區域的網格員、社區（村）幹部和街道幹部可以代居民登記求助',
    en: 'Only the grid workers and cadres of that area may record a need for a resident',
  },
  'emergency.household_not_in_region': { 'zh-CN': '该住户不在所填区划内', 'zh-TW': '該住戶不在所填區劃內', en: 'That household is not in the region given' },
  'emergency.live_unavailable': { 'zh-CN': '实时更新暂不可用，请刷新查看', 'zh-TW': '即時更新暫不可用，請重新整理查看', en: 'Live updates are unavailable; reload to see changes' },

  // ---- health stations
  'emergency.station_not_found': { 'zh-CN': '健康驿站不存在', 'zh-TW': '健康驛站不存在', en: 'No such health station' },
  'emergency.station_exists': { 'zh-CN': '本事件已有同名健康驿站', 'zh-TW': '本事件已有同名健康驛站', en: 'This incident already has a station of that name' },
  'emergency.station_closed': { 'zh-CN': '该健康驿站暂停接收', 'zh-TW': '該健康驛站暫停接收', en: 'This health station is not taking anyone now' },
  'emergency.station_full': {
    'zh-CN': '该健康驿站已满，{next}还有空房',
    'zh-TW': '該健康驛站已滿，{next}還有空房',
    en: 'This health station is full; {next} has room',
  },
  'emergency.all_stations_full': { 'zh-CN': '各健康驿站均已住满', 'zh-TW': '各健康驛站均已住滿', en: 'Every health station is full' },
  'emergency.room_exists': { 'zh-CN': '该驿站已有这个房号', 'zh-TW': '該驛站已有這個房號', en: 'The station already has a room with that number' },
  'emergency.room_not_found': { 'zh-CN': '该驿站没有这个房间', 'zh-TW': '該驛站沒有這個房間', en: 'The station has no such room' },
  'emergency.room_full': { 'zh-CN': '该房间已住满', 'zh-TW': '該房間已住滿', en: 'That room is full' },
  'emergency.stay_not_found': { 'zh-CN': '入住申请不存在或您无权查看', 'zh-TW': '入住申請不存在或您無權查看', en: 'No such application, or you may not see it' },
  'emergency.stay_transition': {
    'zh-CN': '入住申请当前为“{status}”，不能进行此操作',
    'zh-TW': '入住申請目前為「{status}」，不能進行此操作',
    en: 'The application is {status}; that is not possible now',
  },
  'emergency.eligibility.condition_not_admissible': {
    'zh-CN': '健康驿站只接收无症状感染者或轻症患者；中、重症请前往定点医院',
    'zh-TW': '健康驛站只接收無症狀感染者或輕症患者；中、重症請前往定點醫院',
    en: 'Health stations take only asymptomatic or mild cases; moderate or severe cases go to the designated hospital',
  },
  'emergency.eligibility.no_reason': {
    'zh-CN': '请说明入住原因：不具备居家隔离条件、担心传染家人或无人照顾',
    'zh-TW': '請說明入住原因：不具備居家隔離條件、擔心傳染家人或無人照顧',
    en: 'Give a reason: no conditions for home isolation, fear of infecting family, or no one to care for you',
  },
  'emergency.eligibility.not_informed': { 'zh-CN': '请确认已知悉入住须知', 'zh-TW': '請確認已知悉入住須知', en: 'Please confirm you have read the station’s terms' },
  'emergency.eligibility.not_voluntary': { 'zh-CN': '入住须本人自愿申请', 'zh-TW': '入住須本人自願申請', en: 'A stay must be voluntary' },
  'emergency.eligibility.not_self_paid': { 'zh-CN': '入住费用自理，请确认', 'zh-TW': '入住費用自理，請確認', en: 'Stays are self-paid; please confirm' },
  'emergency.alert_not_found': { 'zh-CN': '预警不存在', 'zh-TW': '預警不存在', en: 'No such alert' },
  'emergency.alert_handled': { 'zh-CN': '该预警已处理', 'zh-TW': '該預警已處理', en: 'This alert has already been handled' },
  'emergency.hospital_transfer_not_found': { 'zh-CN': '转院记录不存在', 'zh-TW': '轉院記錄不存在', en: 'No such hospital transfer' },
  'emergency.hospital_transfer_transition': { 'zh-CN': '转院当前为“{status}”，不能进行此操作', 'zh-TW': '轉院目前為「{status}」，不能進行此操作', en: 'The hospital transfer is {status}; that is not possible now' },

  // ---- transfers
  'emergency.point_exists': { 'zh-CN': '本事件已有同名隔离点', 'zh-TW': '本事件已有同名隔離點', en: 'This incident already has an isolation point of that name' },
  'emergency.vehicle_exists': { 'zh-CN': '本事件已登记这个车牌', 'zh-TW': '本事件已登記這個車牌', en: 'This incident already has a vehicle with that plate' },
  'emergency.trip_not_found': { 'zh-CN': '车次不存在', 'zh-TW': '車次不存在', en: 'No such trip' },
  'emergency.trip_transition': { 'zh-CN': '车次当前为“{status}”，不能改为“{to}”', 'zh-TW': '車次目前為「{status}」，不能改為「{to}」', en: 'The trip is {status}; it cannot become {to}' },
  'emergency.transfer_person_not_found': { 'zh-CN': '待转运人员不存在', 'zh-TW': '待轉運人員不存在', en: 'No such person to transfer' },
  'emergency.transfer_person_not_waiting': { 'zh-CN': '此人已不在等待转运', 'zh-TW': '此人已不在等待轉運', en: 'This person is no longer waiting' },
} as const satisfies Catalogue;
