// The console's own words in both languages the users read. Messages about a request (validation, refusals) are not
// here: the API returns them already in the language the console asks for with Accept-Language.
const texts = {
  brand: ['资源服务平台', 'Resource broker'],
  otherLanguage: ['English', '中文'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  signInHelp: ['粘贴身份提供方签发的访问令牌。本机演示时运行 ./run.sh token 角色 [部门代码] 获取。',
    'Paste an access token from your identity provider. For the local demo, run ./run.sh token ROLE [DEPARTMENT].'],
  token: ['访问令牌', 'Access token'],
  tokenRejected: ['令牌无效或已过期，或不是本平台签发的。', 'The token was not accepted: it has expired or was not issued for this broker.'],
  noSections: ['您的角色在控制台中没有可用的页面。', 'Your role has no console pages.'],
  loading: ['加载中…', 'Loading…'],
  failed: ['加载失败：{0}', 'Could not load: {0}'],
  // Sections
  quota: ['配额', 'Quota'],
  resources: ['资源', 'Resources'],
  orders: ['申请', 'Orders'],
  bill: ['账单', 'Bill'],
  capacity: ['容量', 'Capacity'],
  approvals: ['待审批', 'Approvals'],
  statements: ['分摊账单', 'Statements'],
  // Quota
  dimension: ['维度', 'Dimension'],
  unit: ['单位', 'Unit'],
  limit: ['上限', 'Limit'],
  used: ['已用', 'Used'],
  reserved: ['已预留', 'Reserved'],
  available: ['可用', 'Available'],
  // Resources
  id: ['编号', 'ID'],
  system: ['业务系统', 'System'],
  kind: ['类型', 'Kind'],
  plan: ['规格', 'Plan'],
  tier: ['服务等级', 'SLA tier'],
  state: ['状态', 'State'],
  backend: ['承载', 'Backend'],
  pool: ['资源池', 'Pool'],
  address: ['地址', 'Address'],
  created: ['创建时间', 'Created'],
  simulated: ['模拟', 'Simulated'],
  simulatedHelp: ['模拟机房中的资源：用于演示、培训和容量推演，并非真实主机。',
    'In the simulated machine room: for demos, training and what-if planning, not a real machine.'],
  noResources: ['暂无资源。', 'No resources yet.'],
  stop: ['停止', 'Stop'],
  start: ['启动', 'Start'],
  retry: ['重试', 'Retry'],
  delete: ['删除', 'Delete'],
  credentials: ['连接信息', 'Connection details'],
  stopDone: ['已请求停止 {0}。', 'Asked to stop {0}.'],
  startDone: ['已请求启动 {0}。', 'Asked to start {0}.'],
  retryDone: ['已请求重新创建 {0}。', 'Asked to provision {0} again.'],
  deleteDone: ['已请求删除 {0}，后端确认后释放配额。', 'Asked to delete {0}; its quota is released once the backend confirms.'],
  credentialsDone: ['已为 {0} 生成新密码。', 'A new password was issued for {0}.'],
  confirmDelete: ['确定删除 {0}？数据将无法恢复。', 'Delete {0}? Its data cannot be recovered.'],
  connection: ['数据库连接信息', 'Database connection'],
  shownOnce: ['密码只显示这一次，平台不保存明文。请立即妥善保存；再次获取将重置密码（仅部门管理员）。',
    'The password is shown this once and the platform keeps no plain copy. Store it now; asking again resets it (department admins only).'],
  host: ['主机', 'Host'],
  port: ['端口', 'Port'],
  username: ['用户名', 'User'],
  password: ['密码', 'Password'],
  'kind.vm': ['云主机', 'VM'],
  'kind.database': ['数据库', 'Database'],
  // Orders
  newOrder: ['新建申请', 'New order'],
  quantity: ['数量', 'Quantity'],
  image: ['镜像', 'Image'],
  databaseName: ['数据库名', 'Database name'],
  submit: ['提交申请', 'Place order'],
  monthly: ['预计每月费用：{0}', 'Estimated monthly cost: {0}'],
  placed: ['申请 {0} 已提交，状态：{1}。', 'Order {0} placed: {1}.'],
  waitingFor: ['待谁处理', 'Waiting for'],
  orderedBy: ['申请人', 'Ordered by'],
  approve: ['批准', 'Approve'],
  approved: ['申请 {0} 已批准。', 'Order {0} approved.'],
  reject: ['驳回', 'Reject'],
  rejectReason: ['驳回申请 {0} 的理由：', 'Why is order {0} rejected?'],
  rejected: ['申请 {0} 已驳回。', 'Order {0} rejected.'],
  cancel: ['撤回', 'Withdraw'],
  cancelled: ['申请 {0} 已撤回，配额已释放。', 'Order {0} withdrawn; its quota is released.'],
  noOrders: ['暂无申请。', 'No orders yet.'],
  noSystems: ['没有已批准的业务系统，暂不能申请资源。', 'No approved system yet, so nothing can be ordered.'],
  readOnly: ['只读角色不能提交申请。', 'Read-only roles cannot place orders.'],
  department: ['部门', 'Department'],
  total: ['合计', 'Total'],
  noApprovals: ['没有待审批的申请。', 'Nothing is waiting for approval.'],
  // Bill and statements
  month: ['月份', 'Month'],
  show: ['查看', 'Show'],
  category: ['类别', 'Category'],
  meter: ['计量项', 'Meter'],
  unitPrice: ['单价', 'Unit price'],
  amount: ['金额', 'Amount'],
  lines: ['明细行数', 'Lines'],
  statementState: ['账期状态：{0}', 'Period: {0}'],
  noLines: ['本月暂无费用。', 'No charges this month.'],
  noStatements: ['本月暂无账单。', 'No statements for this month.'],
  'statement.open': ['未结账', 'open'],
  'statement.closed': ['已结账', 'closed'],
  'category.compute': ['计算', 'Compute'],
  'category.storage': ['存储', 'Storage'],
  'category.database': ['数据库', 'Database'],
  'category.om': ['运维费', 'O&M'],
  'category.imported': ['导入用量', 'Imported usage'],
  'category.adjustment': ['调整', 'Adjustment'],
  'export.csv': ['导出 CSV', 'Export CSV'],
  'export.xlsx': ['导出 Excel', 'Export Excel'],
  // Capacity
  zones: ['服务网络', 'Zones'],
  physical: ['物理容量', 'Physical'],
  overcommit: ['超分比', 'Overcommit'],
  allocatable: ['可分配', 'Allocatable'],
  allocated: ['已分配', 'Allocated'],
  free: ['剩余', 'Free'],
  headroom: ['余量', 'Headroom'],
  headroomLow: ['余量不足', 'low'],
  runsOut: ['预计耗尽', 'Runs out'],
  never: ['—', '—'],
  overbooking: ['配额超售', 'Quota overbooking'],
  quotaLimits: ['配额合计', 'Quota limits'],
  ratio: ['比例', 'Ratio'],
  overbooked: ['已超售', 'overbooked'],
  'dim.vcpu': ['虚拟CPU', 'vCPU'],
  'dim.memory_gib': ['内存 (GiB)', 'Memory (GiB)'],
  'dim.storage_gib': ['存储 (GiB)', 'Storage (GiB)'],
  'dim.vms': ['虚拟机', 'VMs'],
  'dim.databases': ['数据库', 'Databases'],
  'zone.extranet': ['政务外网', 'Government extranet'],
  'zone.internet': ['互联网', 'Internet'],
  'zone.dedicated-line': ['专线', 'Dedicated line'],
  // Systems
  systems: ['业务系统', 'Systems'],
  reviews: ['系统审核', 'System reviews'],
  name: ['名称', 'Name'],
  description: ['说明', 'Description'],
  systemCode: ['系统代码', 'System code'],
  omTier: ['运维等级', 'O&M tier'],
  omFee: ['预计年运维费', 'Estimated yearly O&M fee'],
  buildInvestment: ['建设总投资 (元)', 'Build investment (CNY)'],
  declarations: ['三项声明', 'The three declarations'],
  onSharedCloud: ['基础设施上云', 'On the shared cloud'],
  notOnCloudReason: ['不上云的理由', 'Why not on the cloud'],
  networkZone: ['运行网络', 'Network'],
  sharingScope: ['数据共享范围', 'Data sharing scope'],
  sharedCatalogEntries: ['共享的目录条目', 'Shared catalog entries'],
  entriesHint: ['以逗号分隔', 'comma-separated'],
  exemptionJustification: ['单独建设的理由', 'Why it must be built separately'],
  envelope: ['核定资源', 'Approved envelope'],
  registerSystem: ['登记业务系统', 'Register a system'],
  submitSystem: ['提交审核', 'Submit for review'],
  registered: ['系统 {0} 已提交审核；预计年运维费 {1} – {2}。', 'System {0} submitted for review; estimated yearly O&M fee {1} – {2}.'],
  noSystemsYet: ['暂无业务系统。', 'No systems yet.'],
  period: ['核定方式', 'Grant'],
  note: ['审核意见', 'Note'],
  review: ['审核', 'Review'],
  reviewed: ['系统 {0} 已审核。', 'System {0} reviewed.'],
  noReviews: ['没有待审核的系统。', 'No system is waiting for review.'],
  'period.per-year': ['每年', 'per year'],
  'period.total': ['总量', 'total'],
  'review.proposed': ['待审核', 'proposed'],
  'review.approved': ['已批准', 'approved'],
  'review.rejected': ['未通过', 'rejected'],
  'tier.1': ['一级（全市性系统，12%–15%）', 'Tier 1 (city-wide, 12%-15%)'],
  'tier.2': ['二级（区级或核心业务，8%–10%）', 'Tier 2 (district or core, 8%-10%)'],
  'tier.3': ['三级（内部办公或信息公开网站，5%–6%）', 'Tier 3 (internal office or website, 5%-6%)'],
  'category.business-application': ['业务应用', 'Business application'],
  'category.data-service': ['数据服务', 'Data service'],
  'category.public-service': ['对外服务（应使用统一政务服务平台）', 'Public service (use the shared service platform)'],
  'category.internal-collaboration': ['内部协同（应使用统一办公系统）', 'Internal collaboration (use the shared office system)'],
  'category.information-publishing': ['信息发布（应使用统一网站平台）', 'Information publishing (use the shared website platform)'],
  'category.other': ['其他', 'Other'],
  'scope.cross-department': ['跨部门共享', 'Shared across departments'],
  'scope.department': ['部门内共享', 'Shared inside the department'],
  'scope.office': ['科室内共享', 'Shared inside one office'],
  'scope.none': ['不共享', 'Not shared'],
  'scope.standalone': ['单机', 'Stand-alone'],
  // Departments and quotas (platform)
  departments: ['部门与配额', 'Departments and quotas'],
  setQuota: ['调整配额上限', 'Set quota limits'],
  save: ['保存', 'Save'],
  quotaSaved: ['{0} 的配额已更新。', 'Quota of {0} updated.'],
  quotaOverbooked: ['注意：各部门配额合计已超过资源池可供量（{0}）。允许超售，但请关注容量。',
    'Note: the departments\' quotas together now exceed what the pools can sell ({0}). Overbooking is allowed; watch capacity.'],
  // States of resources and orders
  'state.pending-approval': ['待审批', 'pending approval'],
  'state.approved': ['已批准', 'approved'],
  'state.provisioning': ['创建中', 'provisioning'],
  'state.ready': ['运行中', 'ready'],
  'state.updating': ['变更中', 'updating'],
  'state.stopped': ['已停止', 'stopped'],
  'state.deleting': ['删除中', 'deleting'],
  'state.deleted': ['已删除', 'deleted'],
  'state.failed': ['失败', 'failed'],
  'state.rejected': ['已驳回', 'rejected'],
  'state.cancelled': ['已撤回', 'cancelled'],
};

let current = 'zh-CN';

export const languages = ['zh-CN', 'en'];

export function setLanguage(language) {
  current = languages.includes(language) ? language : 'zh-CN';
  document.documentElement.lang = current;
}

export function language() {
  return current;
}

/** The text for <key> in the current language, with {0}, {1}… filled in; an unknown key shows as itself. */
export function t(key, ...values) {
  const pair = texts[key];
  let text = pair ? pair[current === 'en' ? 1 : 0] : key;
  values.forEach((value, i) => {
    text = text.replace(`{${i}}`, String(value));
  });
  return text;
}

/** A coded value (state, kind, zone…) in words, or the code itself when the console has no words for it. */
export function named(prefix, code) {
  return texts[`${prefix}.${code}`] ? t(`${prefix}.${code}`) : code;
}

/** The zh or en member of an API object's nameZh/nameEn pair. */
export function localName(item) {
  return current === 'en' ? item.nameEn ?? item.nameZh : item.nameZh ?? item.nameEn;
}
