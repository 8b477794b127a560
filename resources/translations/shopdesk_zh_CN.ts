<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddChannelDialog</name>
    <message>
        <source>Add a sales channel</source>
        <translation>添加销售渠道</translation>
    </message>
    <message>
        <source>e.g. webshop</source>
        <translation>例如 webshop</translation>
    </message>
    <message>
        <source> units</source>
        <translation> 件</translation>
    </message>
    <message>
        <source>Held back from the stock the store is told it has</source>
        <translation>告诉店铺的库存里预留不卖的数量</translation>
    </message>
    <message>
        <source>Also orders changed since</source>
        <translation>同时拉取此日期以来变动的订单</translation>
    </message>
    <message>
        <source>Without this, the channel pulls the orders changed after it is added. Older orders that the store has sent out already come in as history and reserve no stock.</source>
        <translation>不勾选时，只拉取渠道添加之后变动的订单。店铺已发货的旧订单作为历史订单导入，不占用库存。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Store URL</source>
        <translation>店铺网址</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥（Key）</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API 密钥（Secret）</translation>
    </message>
    <message>
        <source>Buffer</source>
        <translation>安全库存预留</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>The key and secret are kept in this computer&apos;s keyring, never in the shop&apos;s database.</source>
        <translation>密钥只保存在本机的系统钥匙串中，绝不写入店铺数据库。</translation>
    </message>
    <message>
        <source>Another channel has this name already</source>
        <translation>已有同名渠道</translation>
    </message>
</context>
<context>
    <name>AddPoLineDialog</name>
    <message>
        <source>Add a product to {number}</source>
        <translation>向 {number} 添加商品</translation>
    </message>
    <message>
        <source>SKU or barcode</source>
        <translation>SKU 或条码</translation>
    </message>
    <message>
        <source>supplier&apos;s cost</source>
        <translation>供应商采购价</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>采购价</translation>
    </message>
</context>
<context>
    <name>AdminMenus</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Backups &amp;folder</source>
        <translation>备份文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Log out / switch user…</source>
        <translation>注销 / 切换用户(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Shop</source>
        <translation>店铺(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>用户(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>AftersalesPage</name>
    <message>
        <source>Time to resolve a case</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>category, e.g. 服装/上衣</source>
        <translation>分类，如 服装/上衣</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Return window</source>
        <translation>退货期限</translation>
    </message>
    <message>
        <source>Days from delivery</source>
        <translation>签收后天数</translation>
    </message>
    <message>
        <source>Other windows by category</source>
        <translation>按分类设置的退货期限</translation>
    </message>
    <message>
        <source>Sub-reasons offered for each complaint class, one per line</source>
        <translation>各投诉类别的具体原因（每行一个）</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Evidence and returns analysis</source>
        <translation>证据与退货分析</translation>
    </message>
    <message>
        <source>Largest evidence file</source>
        <translation>证据文件大小上限</translation>
    </message>
    <message>
        <source>High-return warning at</source>
        <translation>高频退货商品预警：退货率达到</translation>
    </message>
    <message>
        <source>of units sold, once at least</source>
        <translation>且销量至少为</translation>
    </message>
    <message>
        <source>After-sales settings belong to the shop: they are saved for every computer.</source>
        <translation>售后设置属于整个店铺：保存后对所有电脑生效。</translation>
    </message>
    <message>
        <source>Only the owner can change the after-sales settings; you see them as they are.</source>
        <translation>只有店主可以修改售后设置；您只能查看。</translation>
    </message>
    <message>
        <source>Choose or type a category first</source>
        <translation>请先选择或输入分类</translation>
    </message>
    <message>
        <source>The after-sales settings were not saved:</source>
        <translation>售后设置未保存：</translation>
    </message>
    <message>
        <source>The after-sales settings were not saved: see what is said under the fields above.</source>
        <translation>售后设置未保存：请查看上方各栏下的提示。</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Returns per SKU</source>
        <translation>各商品退货率</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>销量</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退货数</translation>
    </message>
    <message>
        <source>Return rate</source>
        <translation>退货率</translation>
    </message>
    <message>
        <source>Quality complaint rate</source>
        <translation>质量投诉率</translation>
    </message>
    <message>
        <source>By class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>工单数</translation>
    </message>
    <message>
        <source>By sub-reason</source>
        <translation>按原因</translation>
    </message>
    <message>
        <source>Sub-reason</source>
        <translation>具体原因</translation>
    </message>
    <message>
        <source>By product</source>
        <translation>按商品</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按渠道</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to (including)</source>
        <translation>至（含）</translation>
    </message>
    <message>
        <source>{cases} case(s) opened · open now {open}, overdue {overdue}, due within a day {soon} · average time to resolve {hours} h · reopen rate {reopen} · satisfaction {score} ({scored} follow-ups) · refunded {refunded}</source>
        <translation>新建工单 {cases} 个 · 当前未结 {open} 个，超时 {overdue} 个，一天内到期 {soon} 个 · 平均处理时长 {hours} 小时 · 重开率 {reopen} · 满意度 {score}（回访 {scored} 次）· 退款 {refunded}</translation>
    </message>
    <message>
        <source>High-return warning (高频退货商品预警): {skus}</source>
        <translation>高频退货商品预警：{skus}</translation>
    </message>
    <message>
        <source>Export the analysis</source>
        <translation>导出售后分析</translation>
    </message>
    <message>
        <source>complaints.xlsx</source>
        <translation>售后分析.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the analysis</source>
        <translation>正在导出售后分析</translation>
    </message>
    <message>
        <source>Analysis written to {path}</source>
        <translation>售后分析已导出到 {path}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Backed up the database before upgrading it: {path}</source>
        <translation>升级数据库前已备份：{path}</translation>
    </message>
    <message>
        <source>Opening the shop</source>
        <translation>正在打开店铺数据</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>每日备份</translation>
    </message>
</context>
<context>
    <name>AssignCodeDialog</name>
    <message>
        <source>Assign {code} to a product</source>
        <translation>将 {code} 关联到商品</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>确定(&amp;O)</translation>
    </message>
    <message>
        <source>Give the code to the chosen product (Ctrl+Enter)</source>
        <translation>把条码关联到所选商品（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Which product has the barcode {code}?</source>
        <translation>条码 {code} 属于哪个商品？</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>SKU, order number, name or reason</source>
        <translation>SKU、订单号、名称或原因</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>The newest {n} events; narrow the filters to see older ones.</source>
        <translation>仅显示最新的 {n} 条记录；缩小筛选范围可查看更早的记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to {path}</source>
        <translation>
            <numerusform>已将 %n 条记录导出到 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting the audit log</source>
        <translation>正在导出审计日志</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>This shop is on a PostgreSQL server ({server}). Back it up and restore it on the server with the server&apos;s own tools (pg_dump and pg_restore), or ask whoever looks after the server.</source>
        <translation>本店数据在 PostgreSQL 服务器上（{server}）。请在服务器上用它自带的工具（pg_dump 和 pg_restore）备份和恢复，或联系服务器管理员。</translation>
    </message>
    <message>
        <source>Back up the shop</source>
        <translation>备份店铺</translation>
    </message>
    <message>
        <source>ShopDesk backup (*.sqlite);;All files (*)</source>
        <translation>ShopDesk 备份 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The backup was not made. {reason}

Choose a folder you may write in, on a disk with free space.</source>
        <translation>备份未完成。{reason}

请选择有写入权限、磁盘空间充足的文件夹。</translation>
    </message>
    <message>
        <source>Backed up</source>
        <translation>已备份</translation>
    </message>
    <message>
        <source>The shop was backed up to:
{path}

Keep a copy away from this computer too.</source>
        <translation>店铺已备份到：
{path}

请另外在这台电脑之外也保存一份。</translation>
    </message>
    <message>
        <source>Backing up the shop</source>
        <translation>正在备份店铺</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>ShopDesk backup (*.sqlite *.db);;All files (*)</source>
        <translation>ShopDesk 备份 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the shop&apos;s data with the backup
{backup}?

Everything in {current} is replaced by what the backup holds: work entered after the backup was made is no longer shown.

A copy of the current data is kept first, in {folder}, named {stem}.before-restore-&lt;date&gt;-&lt;time&gt;.sqlite.

ShopDesk reopens the shop afterwards.</source>
        <translation>用备份
{backup}
替换店铺数据？

{current} 中的全部内容将被备份内容替换：备份之后录入的数据将不再显示。

替换前会先保存当前数据的副本，位于 {folder}，文件名为 {stem}.before-restore-&lt;日期&gt;-&lt;时间&gt;.sqlite。

完成后 ShopDesk 会重新打开店铺。</translation>
    </message>
    <message>
        <source>Restored {backup}</source>
        <translation>已从 {backup} 恢复</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>The shop was restored from
{backup}

The data it replaced was kept as
{kept}</source>
        <translation>店铺已从
{backup}
恢复

被替换的数据已保存为
{kept}</translation>
    </message>
    <message>
        <source>(there was none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Restoring the shop</source>
        <translation>正在恢复店铺</translation>
    </message>
</context>
<context>
    <name>CaseColumns</name>
    <message>
        <source>Case</source>
        <translation>工单号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>Sub-reason</source>
        <translation>具体原因</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>处理方案</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Overdue: the deadline (处理时限) has passed</source>
        <translation>已超时：处理时限已过</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Enter an amount like 25.00</source>
        <translation>请输入金额，例如 25.00</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Why / note</source>
        <translation>原因 / 备注</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认投诉</translation>
    </message>
    <message>
        <source>Investigate</source>
        <translation>调查取证</translation>
    </message>
    <message>
        <source>Agree solution…</source>
        <translation>确定方案…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Await customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续处理</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>结案…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>Receive return…</source>
        <translation>退货入库…</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>退款…</translation>
    </message>
    <message>
        <source>Escalate…</source>
        <translation>升级…</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>添加证据…</translation>
    </message>
    <message>
        <source>About</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Customer says</source>
        <translation>客户描述</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>涉及商品</translation>
    </message>
    <message>
        <source>Return window</source>
        <translation>退货期限</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>处理方案</translation>
    </message>
    <message>
        <source>Returns and refunds</source>
        <translation>退货与退款</translation>
    </message>
    <message>
        <source>Follow-up (回访)</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Evidence (double-click to open)</source>
        <translation>证据（双击打开）</translation>
    </message>
    <message>
        <source>Choose a case in the queue</source>
        <translation>请在列表中选择工单</translation>
    </message>
    <message>
        <source>{number} · {status} · {priority} · due {due} · owner {owner}</source>
        <translation>{number} · {status} · {priority} · 处理时限 {due} · 负责人 {owner}</translation>
    </message>
    <message>
        <source>wants: {demand}</source>
        <translation>诉求：{demand}</translation>
    </message>
    <message>
        <source>day {day} of {days}: within</source>
        <translation>签收后第 {day} 天（期限 {days} 天）：在期限内</translation>
    </message>
    <message>
        <source>day {day} of {days}: outside the window</source>
        <translation>签收后第 {day} 天（期限 {days} 天）：已超出期限</translation>
    </message>
    <message>
        <source> — accepted: {why}</source>
        <translation> — 特批：{why}</translation>
    </message>
    <message>
        <source>{type} {amount}, by {owner}, deadline {deadline}</source>
        <translation>{type} {amount}，责任人 {owner}，期限 {deadline}</translation>
    </message>
    <message>
        <source>; replacement order {number}</source>
        <translation>；补发/换货订单 {number}</translation>
    </message>
    <message>
        <source>refund {amount} ({method}) {at}</source>
        <translation>退款 {amount}（{method}）{at}</translation>
    </message>
    <message>
        <source>order paid {paid}, refunded {refunded}</source>
        <translation>订单实付 {paid}，已退款 {refunded}</translation>
    </message>
    <message>
        <source>none: {why}</source>
        <translation>未回访：{why}</translation>
    </message>
    <message numerus="yes">
        <source>reopened %n time(s)</source>
        <translation>
            <numerusform>已重新打开 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>证据文件</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <source>Solution agreed</source>
        <translation>方案已确定</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Awaiting customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Product quality</source>
        <translation>产品质量</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Online chat</source>
        <translation>在线客服</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Refund only</source>
        <translation>仅退款</translation>
    </message>
    <message>
        <source>Return and refund</source>
        <translation>退货退款</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>补发</translation>
    </message>
    <message>
        <source>Back to stock</source>
        <translation>重新入库</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>隔离待检</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Back to the supplier</source>
        <translation>退回供应商</translation>
    </message>
    <message>
        <source>Lost on the way</source>
        <translation>退回途中丢失</translation>
    </message>
    <message>
        <source>Case recorded</source>
        <translation>工单登记</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Details changed</source>
        <translation>信息修改</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Evidence added</source>
        <translation>添加证据</translation>
    </message>
    <message>
        <source>Returned goods received</source>
        <translation>退货入库</translation>
    </message>
    <message>
        <source>Return lost</source>
        <translation>退货丢失</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Replacement order</source>
        <translation>补发/换货订单</translation>
    </message>
    <message>
        <source>complaint and demand confirmed</source>
        <translation>已与客户确认投诉内容和诉求</translation>
    </message>
    <message>
        <source>investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>awaiting customer</source>
        <translation>等待客户回复</translation>
    </message>
    <message>
        <source>customer answered</source>
        <translation>客户已回复</translation>
    </message>
    <message>
        <source>agreed: {solution}</source>
        <translation>已商定：{solution}</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sync orders and stock every</source>
        <translation>同步订单和库存：每</translation>
    </message>
    <message>
        <source>while ShopDesk is open (0 = off)</source>
        <translation>（ShopDesk 打开期间；0 = 关闭）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Store URL</source>
        <translation>店铺网址</translation>
    </message>
    <message>
        <source>Buffer</source>
        <translation>安全库存预留</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Add channel…</source>
        <translation>添加渠道…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>New key…</source>
        <translation>更换密钥…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation>同步日志</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Orders not imported</source>
        <translation>未导入的订单</translation>
    </message>
    <message>
        <source>Sales channels belong to the shop: changes here are saved at once, for every computer.</source>
        <translation>销售渠道属于店铺：这里的修改会立即保存，对所有电脑生效。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Waiting to be sent ({count})</source>
        <translation>待发送（{count}）</translation>
    </message>
    <message>
        <source>Orders not imported ({count})</source>
        <translation>未导入的订单（{count}）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Added {name}. Test the connection to see that the store answers.</source>
        <translation>已添加 {name}。请测试连接，确认店铺有响应。</translation>
    </message>
    <message>
        <source>Asking {name}…</source>
        <translation>正在询问 {name}…</translation>
    </message>
    <message>
        <source>{name} answers: {answer}</source>
        <translation>{name} 响应：{answer}</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>正在测试连接</translation>
    </message>
    <message>
        <source>A sync is running already; its result shows here when it ends.</source>
        <translation>已有同步在运行；结束后结果会显示在这里。</translation>
    </message>
    <message>
        <source>Syncing {name}…</source>
        <translation>正在同步 {name}…</translation>
    </message>
    <message>
        <source>Decided. The next sync of {name} acts on it.</source>
        <translation>已处理。{name} 下次同步时生效。</translation>
    </message>
    <message>
        <source>Decided. Syncing {name}…</source>
        <translation>已处理。正在同步 {name}…</translation>
    </message>
    <message>
        <source>{name} has its new key. Test the connection.</source>
        <translation>{name} 已更换密钥。请测试连接。</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>删除 {name}</translation>
    </message>
    <message>
        <source>Remove {name}? Its key, its sync log and its changes waiting to be sent go; the orders it brought stay.</source>
        <translation>删除 {name}？它的密钥、同步日志和待发送的更改都会删除；从它导入的订单保留。</translation>
    </message>
    <message>
        <source>{name}: {error}</source>
        <translation>{name}：{error}</translation>
    </message>
    <message>
        <source>{name}: {new} new order(s), {known} known, {waiting} waiting for SKU links</source>
        <translation>{name}：新订单 {new} 个，已有 {known} 个，{waiting} 个等待 SKU 关联</translation>
    </message>
    <message>
        <source>, {count} not stored (see the log)</source>
        <translation>，{count} 个未保存（见日志）</translation>
    </message>
    <message>
        <source>; sent {sent}, {retrying} to retry, {dead} not sent</source>
        <translation>；已发送 {sent} 个，待重试 {retrying} 个，未发送 {dead} 个</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check and import</source>
        <translation>检查并导入</translation>
    </message>
    <message>
        <source>Every row has been checked. Nothing is written unless all rows are good, or you choose to skip the bad ones.</source>
        <translation>每一行都已检查。除非所有行都没有问题，或您选择跳过有问题的行，否则不会写入任何数据。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>文件中的内容</translation>
    </message>
    <message>
        <source>Import only the good rows and skip the others</source>
        <translation>只导入没有问题的行，跳过其余的行</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) read: {new} new, {update} to update, {unchanged} unchanged.</source>
        <translation>
            <numerusform>已读取 %n 行：新增 {new} 个，更新 {update} 个，{unchanged} 个不变。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have problems:</source>
        <translation>
            <numerusform>%n 行有问题：</numerusform>
        </translation>
    </message>
    <message>
        <source>The file cannot be imported:</source>
        <translation>此文件无法导入：</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>没有发现问题。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 还有 %n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close the case</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>what the customer was told</source>
        <translation>告知客户的处理结果</translation>
    </message>
    <message>
        <source>Follow-up done (回访), satisfaction:</source>
        <translation>已回访，满意度：</translation>
    </message>
    <message>
        <source>the score the customer gave…</source>
        <translation>选择客户给出的评分…</translation>
    </message>
    <message>
        <source>No follow-up possible, because:</source>
        <translation>无法回访，原因：</translation>
    </message>
    <message>
        <source>Result told</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Choose the satisfaction score the customer gave in the follow-up (回访).</source>
        <translation>请选择客户在回访中给出的满意度评分。</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Which column of the file holds what. Fields marked * are needed.</source>
        <translation>文件中的哪一列对应哪个字段。带 * 的字段为必填。</translation>
    </message>
    <message>
        <source>— not in the file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
    <message>
        <source>Remembered from the last file with these headings.</source>
        <translation>沿用上次相同表头文件的对应关系。</translation>
    </message>
    <message>
        <source>Guessed from the headings; check them. Your choice is remembered for this layout.</source>
        <translation>根据表头自动识别，请核对。您的选择会为这种表格格式记住。</translation>
    </message>
    <message>
        <source>As you chose; remembered for files with these headings.</source>
        <translation>按您的选择；相同表头的文件会沿用。</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>Search case, order, customer, owner or sub-reason  Ctrl+F</source>
        <translation>搜索工单号、订单号、客户、负责人或原因  Ctrl+F</translation>
    </message>
    <message>
        <source>Any due time</source>
        <translation>全部时限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Due within a day</source>
        <translation>一天内到期</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>新建工单…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Cases (工单)</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>售后分析</translation>
    </message>
    <message>
        <source>Open cases ({n})</source>
        <translation>未结工单（{n}）</translation>
    </message>
    <message>
        <source>All cases ({n})</source>
        <translation>全部工单（{n}）</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Nobody&apos;s</source>
        <translation>未分配</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>共 %n 个工单</numerusform>
        </translation>
    </message>
    <message>
        <source>Case {number} recorded</source>
        <translation>工单 {number} 已登记</translation>
    </message>
    <message>
        <source>outside the return window: a return needs an override</source>
        <translation>已超出退货期限：退货需特批</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>售后/投诉</translation>
    </message>
</context>
<context>
    <name>CountColumns</name>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账面数量</translation>
    </message>
    <message>
        <source>Moved during count</source>
        <translation>盘点期间变动</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>差异金额</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>ShopDesk ran into a problem</source>
        <translation>ShopDesk 遇到问题</translation>
    </message>
    <message>
        <source>Something went wrong that ShopDesk did not expect. Check whether what you just did was done before you try it again.
The details below were written to the log. Copy them and send them to whoever looks after your ShopDesk.</source>
        <translation>出现了 ShopDesk 未预料到的错误。重试之前，请先确认刚才的操作是否已经完成。
以下详细信息已写入日志。请复制后发送给负责维护 ShopDesk 的人员。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Open the log file</source>
        <translation>打开日志文件</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>CustomerColumns</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Total spent</source>
        <translation>消费总额</translation>
    </message>
    <message>
        <source>Average order</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>最近购买</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>客户分层</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>售后工单</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>a phone number has digits</source>
        <translation>电话号码须包含数字</translation>
    </message>
    <message>
        <source>an address needs a city</source>
        <translation>地址须填写城市</translation>
    </message>
    <message>
        <source>an address needs a street</source>
        <translation>地址须填写街道</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>several separated by commas</source>
        <translation>多个号码用逗号分隔</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认地址</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Add address</source>
        <translation>添加地址</translation>
    </message>
    <message>
        <source>Remove address</source>
        <translation>删除地址</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Shipping addresses</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Phone {n}: {message}</source>
        <translation>电话 {n}：{message}</translation>
    </message>
    <message>
        <source>Address {n}: {message}</source>
        <translation>地址 {n}：{message}</translation>
    </message>
</context>
<context>
    <name>CustomerSegment</name>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Sleeping</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>流失</translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation>未购买</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <source>Search name, phone or order number  Ctrl+F</source>
        <translation>搜索姓名、电话或订单号  Ctrl+F</translation>
    </message>
    <message>
        <source>All segments</source>
        <translation>全部分层</translation>
    </message>
    <message>
        <source>★ High value only</source>
        <translation>★ 仅高价值客户</translation>
    </message>
    <message>
        <source>Find duplicates…</source>
        <translation>查找重复客户…</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑客户…</translation>
    </message>
    <message>
        <source>Edit tags…</source>
        <translation>编辑标签…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款状态</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>客户分层</translation>
    </message>
    <message>
        <source>Purchase history</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <source>After-sales cases</source>
        <translation>售后工单</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a customer to see their purchases and cases.</source>
        <translation>选择一位客户，查看其购买记录和售后工单。</translation>
    </message>
    <message>
        <source>High value: priority service</source>
        <translation>高价值客户：优先服务</translation>
    </message>
    <message>
        <source>Segment: {segment} · Channel: {channel}</source>
        <translation>分层：{segment} · 渠道：{channel}</translation>
    </message>
    <message>
        <source>Phone: {phones}</source>
        <translation>电话：{phones}</translation>
    </message>
    <message>
        <source>{orders} order(s), spent {spent}, average {average}, last purchase {last}</source>
        <translation>{orders} 笔订单，消费 {spent}，客单价 {average}，最近购买 {last}</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>标签：{tags}</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Tags of {name}, separated by commas:</source>
        <translation>{name} 的标签（用逗号分隔）：</translation>
    </message>
    <message>
        <source>Tags of {name} saved</source>
        <translation>已保存 {name} 的标签</translation>
    </message>
    <message>
        <source>Customer {name} added</source>
        <translation>已添加客户 {name}</translation>
    </message>
    <message>
        <source>Customer {name} saved</source>
        <translation>已保存客户 {name}</translation>
    </message>
    <message numerus="yes">
        <source>Merged %n duplicate customer(s)</source>
        <translation>
            <numerusform>已合并 %n 位重复客户</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Orders to review</source>
        <translation>待审核订单</translation>
    </message>
    <message>
        <source>Orders to ship</source>
        <translation>待发货订单</translation>
    </message>
    <message>
        <source>Products low on stock</source>
        <translation>低库存商品</translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation>超时工单</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Sales of the last 30 days (orders placed)</source>
        <translation>近30天销售额（按下单）</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Double-click or press Enter to show the product</source>
        <translation>双击或按回车查看商品</translation>
    </message>
    <message>
        <source>Reading the dashboard</source>
        <translation>正在读取首页数据</translation>
    </message>
    <message numerus="yes">
        <source>Last 7 days: {sales} in %n order(s)</source>
        <translation>
            <numerusform>近7天：{sales}，%n 笔订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last 30 days: {sales} in %n order(s)</source>
        <translation>
            <numerusform>近30天：{sales}，%n 笔订单</numerusform>
        </translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <source>Top products, last 7 days</source>
        <translation>近7天热销商品</translation>
    </message>
    <message>
        <source>Earlier</source>
        <translation>更早</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近7天</translation>
    </message>
</context>
<context>
    <name>DefaultBinDialog</name>
    <message>
        <source>Default bin of {sku}</source>
        <translation>{sku} 的默认库位</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Default bin now</source>
        <translation>当前默认库位</translation>
    </message>
    <message>
        <source>New default bin</source>
        <translation>新默认库位</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>This shop has no warehouse yet: add one under Locations…</source>
        <translation>本店还没有仓库：请在“库位管理…”中添加</translation>
    </message>
    <message>
        <source>{warehouse} has no bins yet: add one under Locations…</source>
        <translation>{warehouse} 还没有库位：请在“库位管理…”中添加</translation>
    </message>
    <message>
        <source>{sku} is kept in {bin} by default</source>
        <translation>{sku} 默认存放在 {bin}</translation>
    </message>
</context>
<context>
    <name>DocumentPrinter</name>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>ZPL for the label printer written to {path}</source>
        <translation>面单打印机 ZPL 文件已写入 {path}</translation>
    </message>
    <message>
        <source>Sent {path} to the printer</source>
        <translation>已发送 {path} 到打印机</translation>
    </message>
    <message>
        <source>Opened {path} for printing</source>
        <translation>已打开 {path}，请从查看器打印</translation>
    </message>
    <message>
        <source>No PDF viewer to print with; the file is {path}</source>
        <translation>没有可用于打印的 PDF 查看器；文件在 {path}</translation>
    </message>
    <message>
        <source>Making labels</source>
        <translation>正在生成面单</translation>
    </message>
    <message>
        <source>Making the pick list</source>
        <translation>正在生成拣货单</translation>
    </message>
    <message>
        <source>Making the packing slip</source>
        <translation>正在生成装箱单</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Duplicate customers</source>
        <translation>重复客户</translation>
    </message>
    <message>
        <source>Customers with the same phone number. Choose the one to keep in a group and press Merge: the others&apos; orders, cases, phones, addresses and tags move to it.</source>
        <translation>以下客户电话号码相同。在一组中选择要保留的客户并点击“合并”：其他客户的订单、工单、电话、地址和标签都会转到该客户。</translation>
    </message>
    <message>
        <source>Phone / customer</source>
        <translation>电话 / 客户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>No two customers share a phone number.</source>
        <translation>没有电话号码相同的客户。</translation>
    </message>
    <message>
        <source>Merge customers</source>
        <translation>合并客户</translation>
    </message>
    <message numerus="yes">
        <source>Keep {name} and merge %n other customer(s) into it? This cannot be undone.</source>
        <translation>
            <numerusform>保留 {name}，并将其他 %n 位客户合并到该客户？此操作无法撤销。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>ShopDesk</source>
        <translation>ShopDesk</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 条</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <source>Escalate</source>
        <translation>升级工单</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>A CSV or Excel (.xlsx) file with one product per row. Nothing is changed until the last step.</source>
        <translation>CSV 或 Excel（.xlsx）文件，每行一个商品。在最后一步之前不会修改任何数据。</translation>
    </message>
    <message>
        <source>e.g. 商品清单.xlsx</source>
        <translation>例如 商品清单.xlsx</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Headings in English or Chinese are recognised (货号, 名称, 售价, 条码 …); title rows above the headings are skipped.</source>
        <translation>可识别中文或英文表头（货号、名称、售价、条码……）；表头上方的标题行会被跳过。</translation>
    </message>
    <message>
        <source>Import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt)</source>
        <translation>表格文件 (*.xlsx *.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>ImportOrdersDialog</name>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>, found: {found}</source>
        <translation>，文件中为：{found}</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>The order export: CSV or Excel (.xlsx)</source>
        <translation>订单导出文件：CSV 或 Excel (.xlsx)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>New layout…</source>
        <translation>新建导入模板…</translation>
    </message>
    <message>
        <source>Map the columns of another system&apos;s order export once (导入模板)</source>
        <translation>为其他系统导出的订单文件设置一次列的对应关系（导入模板）</translation>
    </message>
    <message>
        <source>Forget layout…</source>
        <translation>删除模板…</translation>
    </message>
    <message>
        <source>As the file or its layout says</source>
        <translation>按文件或模板中的渠道</translation>
    </message>
    <message>
        <source>Leave the new orders as drafts (no review, no stock reserved)</source>
        <translation>新订单保存为草稿（不审核，不占用库存）</translation>
    </message>
    <message>
        <source>Choose a file: it is checked first, nothing is imported yet.</source>
        <translation>请选择文件：先检查并预览，此时不导入任何数据。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Saved layout: {name}</source>
        <translation>已保存的模板：{name}</translation>
    </message>
    <message>
        <source>Taobao/Tmall order export (淘宝/天猫)</source>
        <translation>淘宝/天猫订单导出文件</translation>
    </message>
    <message>
        <source>Pinduoduo order export (拼多多)</source>
        <translation>拼多多订单导出文件</translation>
    </message>
    <message>
        <source>ShopDesk order file (generic: 订单号, 商家编码, 数量 …)</source>
        <translation>ShopDesk 通用订单文件（订单号、商家编码、数量 …）</translation>
    </message>
    <message>
        <source>Order exports (*.csv *.xlsx *.txt)</source>
        <translation>订单文件 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>Forget layout</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <source>Forget the order layout {name!r}? Files with its headings are then read as ShopDesk order files.</source>
        <translation>删除订单导入模板 {name!r}？之后具有这些表头的文件将按 ShopDesk 通用订单文件读取。</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>正在检查 {name}</translation>
    </message>
    <message>
        <source>{name} cannot be imported; nothing was written:</source>
        <translation>{name} 无法导入，未写入任何数据：</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix in the file.</source>
        <translation>
            <numerusform>文件中有 %n 个问题需要修改。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) in the file:</source>
        <translation>
            <numerusform>文件中共 %n 个订单：</numerusform>
        </translation>
    </message>
    <message>
        <source>  {n} to add</source>
        <translation>  新增 {n} 个</translation>
    </message>
    <message>
        <source>  {n} imported before, skipped</source>
        <translation>  已导入 {n} 个，跳过</translation>
    </message>
    <message>
        <source>  {n} waiting for an unmatched SKU</source>
        <translation>  {n} 个等待关联未匹配商品</translation>
    </message>
    <message>
        <source>  {n} closed or cancelled on the platform, left out</source>
        <translation>  {n} 个已在平台关闭或取消，不导入</translation>
    </message>
    <message>
        <source>No problems found. Nothing is written until you press Import.</source>
        <translation>没有发现问题。按“导入”后才会写入。</translation>
    </message>
    <message>
        <source>Order {theirs} from {channel}: imported before as {ours}, skipped</source>
        <translation>{channel}订单 {theirs}：已导入为 {ours}，跳过</translation>
    </message>
    <message>
        <source>Order {theirs}: names a SKU no product has; it will wait</source>
        <translation>订单 {theirs}：含有未匹配商品的编码，将等待关联</translation>
    </message>
    <message>
        <source>Warning: the file&apos;s headings are not those of the layout {name!r}.</source>
        <translation>注意：文件的表头与模板 {name!r} 不符。</translation>
    </message>
    <message>
        <source>Read with the saved layout {name!r} (its headings match).</source>
        <translation>已按保存的模板 {name!r} 读取（表头相符）。</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>正在导入 {name}</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n order(s) from {name}.</source>
        <translation>
            <numerusform>已从 {name} 导入 %n 个订单。</numerusform>
        </translation>
    </message>
    <message>
        <source>On hold for review: {numbers}</source>
        <translation>待审核：{numbers}</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) wait for an unmatched SKU: link it under Unmatched SKUs.</source>
        <translation>
            <numerusform>%n 个订单等待未匹配商品：请在“未匹配商品”中关联商品。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported before, skipped.</source>
        <translation>
            <numerusform>%n 个订单已导入，跳过。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Second name</source>
        <translation>副名称</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Weight (g)</source>
        <translation>重量（克）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Parent SKU</source>
        <translation>父商品编码</translation>
    </message>
    <message>
        <source>Variant (规格)</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8（带 BOM）</translation>
    </message>
    <message>
        <source>Comma ,</source>
        <translation>逗号 ,</translation>
    </message>
    <message>
        <source>Semicolon ;</source>
        <translation>分号 ;</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>12.50 (decimal point)</source>
        <translation>12.50（小数点）</translation>
    </message>
    <message>
        <source>12,50 (decimal comma)</source>
        <translation>12,50（逗号作小数点）</translation>
    </message>
    <message>
        <source>Import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Reading {name}</source>
        <translation>正在读取 {name}</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>正在导入 {name}</translation>
    </message>
    <message numerus="yes">
        <source>Imported: %n new product(s)</source>
        <translation>
            <numerusform>导入完成：新增 %n 个商品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) updated</source>
        <translation>
            <numerusform>更新 %n 个商品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) unchanged</source>
        <translation>
            <numerusform>%n 个商品不变</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with problems skipped</source>
        <translation>
            <numerusform>跳过 %n 行有问题的数据</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LevelsDialog</name>
    <message>
        <source>Stock levels of {sku}</source>
        <translation>{sku} 的库存水位</translation>
    </message>
    <message>
        <source>Whole shop</source>
        <translation>全店</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Safety stock (安全库存)</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <source>Warning line (预警线)</source>
        <translation>预警线</translation>
    </message>
    <message>
        <source>Warehouses without figures of their own use these.</source>
        <translation>没有单独设置的仓库使用这些数值。</translation>
    </message>
    <message>
        <source>{wh} has no figures of its own: the shop-wide ones are shown.</source>
        <translation>{wh} 没有单独设置：显示的是全店数值。</translation>
    </message>
    <message>
        <source>{wh}&apos;s own figures.</source>
        <translation>{wh} 的单独设置。</translation>
    </message>
    <message>
        <source>{sku}: safety stock {safety}, warning line {line} ({where})</source>
        <translation>{sku}：安全库存 {safety}，预警线 {line}（{where}）</translation>
    </message>
</context>
<context>
    <name>LinkProductDialog</name>
    <message>
        <source>Link product to {code}</source>
        <translation>为 {code} 关联商品</translation>
    </message>
    <message>
        <source>SKU or barcode: scan or type</source>
        <translation>商品编码或条码：扫码或输入</translation>
    </message>
    <message>
        <source>the supplier&apos;s: {days}</source>
        <translation>按供应商：{days}</translation>
    </message>
    <message>
        <source>Order this product from this supplier first</source>
        <translation>优先向此供应商采购此商品</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Supplier SKU</source>
        <translation>供应商货号</translation>
    </message>
    <message>
        <source>Cost ({currency})</source>
        <translation>采购价（{currency}）</translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation>采购周期(天)</translation>
    </message>
    <message>
        <source>Preferred supplier</source>
        <translation>首选供应商</translation>
    </message>
    <message>
        <source>Use at most {n} decimal places</source>
        <translation>最多 {n} 位小数</translation>
    </message>
    <message>
        <source>Enter an amount like 3.20</source>
        <translation>请输入金额，例如 3.20</translation>
    </message>
    <message>
        <source>Enter the product&apos;s SKU or barcode</source>
        <translation>请输入商品编码或条码</translation>
    </message>
</context>
<context>
    <name>LocationsDialog</name>
    <message>
        <source>Locations (库位)</source>
        <translation>库位管理</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Pick order</source>
        <translation>拣货顺序</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库数量</translation>
    </message>
    <message>
        <source>e.g. WH1, A, A-01-01</source>
        <translation>例如 WH1、A、A-01-01</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Add warehouse</source>
        <translation>新增仓库</translation>
    </message>
    <message>
        <source>Add zone</source>
        <translation>新增库区</translation>
    </message>
    <message>
        <source>Add bin</source>
        <translation>新增库位</translation>
    </message>
    <message>
        <source>Pick lists visit a warehouse&apos;s bins from the lowest pick order up</source>
        <translation>拣货单按拣货顺序从小到大依次经过仓库内的库位</translation>
    </message>
    <message>
        <source>Set pick order</source>
        <translation>设置拣货顺序</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Pick order of the selected bin</source>
        <translation>所选库位的拣货顺序</translation>
    </message>
    <message>
        <source>No warehouse yet: the owner adds one with Add warehouse.</source>
        <translation>还没有仓库：请店主点“新增仓库”添加。</translation>
    </message>
    <message>
        <source>Selected: {path}. A new zone goes into {zone}, a new bin into {bin}.</source>
        <translation>已选：{path}。新库区将建在 {zone}，新库位将建在 {bin}。</translation>
    </message>
    <message>
        <source>Select a warehouse for the new zone.</source>
        <translation>请选择新库区所属的仓库。</translation>
    </message>
    <message>
        <source>Select a zone or warehouse for the new bin.</source>
        <translation>请选择新库位所属的库区或仓库。</translation>
    </message>
    <message>
        <source>Added {path}</source>
        <translation>已新增 {path}</translation>
    </message>
    <message>
        <source>Select a bin to change its pick order.</source>
        <translation>请选择一个库位来修改拣货顺序。</translation>
    </message>
    <message>
        <source>{path} now has pick order {n}</source>
        <translation>{path} 的拣货顺序已改为 {n}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to ShopDesk</source>
        <translation>登录 ShopDesk</translation>
    </message>
    <message>
        <source>PIN or password</source>
        <translation>PIN 码或密码</translation>
    </message>
    <message>
        <source>Who are you?</source>
        <translation>您是哪位？</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Products</source>
        <translation>商品管理</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About ShopDesk</source>
        <translation>关于 ShopDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Opening {where}…</source>
        <translation>正在打开 {where}…</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户管理</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>About ShopDesk</source>
        <translation>关于 ShopDesk</translation>
    </message>
    <message>
        <source>ShopDesk {version}
The back office of a small shop: products, stock, orders and after-sales.</source>
        <translation>ShopDesk {version}
小店铺的后台管理：商品、库存、订单和售后。</translation>
    </message>
</context>
<context>
    <name>MoveColumns</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>To</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Receive goods</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Transfer stock</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Adjust to a count</source>
        <translation>按实盘调整</translation>
    </message>
    <message>
        <source>Scrap goods</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Put goods in quarantine</source>
        <translation>隔离待检</translation>
    </message>
    <message>
        <source>Release goods from quarantine</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <source>SKU or barcode (scan it), then Enter</source>
        <translation>商品编码或条码（可扫码），然后回车</translation>
    </message>
    <message>
        <source>e.g. 3.20</source>
        <translation>例如 3.20</translation>
    </message>
    <message>
        <source>Quarantine (待检)</source>
        <translation>隔离区（待检）</translation>
    </message>
    <message>
        <source>Scan to receive: each scan of the same product adds 1</source>
        <translation>扫描入库：同一商品每扫一次数量加 1</translation>
    </message>
    <message>
        <source>Assign to a product…</source>
        <translation>关联到商品…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Counted quantity</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>From</source>
        <translation>调出库位</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>On hand here</source>
        <translation>此处在库</translation>
    </message>
    <message>
        <source>In quarantine</source>
        <translation>隔离中</translation>
    </message>
    <message>
        <source>To</source>
        <translation>调入库位</translation>
    </message>
    <message>
        <source>Back to</source>
        <translation>放回库位</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <source>Unknown code {code}</source>
        <translation>未知条码 {code}</translation>
    </message>
    <message>
        <source>You are receiving {qty} × {sku}: press OK to book them, or Clear to start again</source>
        <translation>正在入库 {qty} × {sku}：请点“确定”入账，或点“清空”重新开始</translation>
    </message>
    <message>
        <source>no product has this SKU or barcode</source>
        <translation>没有商品使用此编码或条码</translation>
    </message>
    <message>
        <source>enter what one unit cost, e.g. 3.20</source>
        <translation>请输入单件成本，例如 3.20</translation>
    </message>
    <message>
        <source>Nothing was received</source>
        <translation>未入库</translation>
    </message>
    <message>
        <source>Received {qty} × {sku}</source>
        <translation>已入库 {qty} × {sku}</translation>
    </message>
    <message>
        <source>{qty} × {sku} sent: in transit to the other warehouse</source>
        <translation>{qty} × {sku} 已发出：调拨在途</translation>
    </message>
    <message>
        <source>Moved {qty} × {sku}</source>
        <translation>已调拨 {qty} × {sku}</translation>
    </message>
    <message>
        <source>{sku}: the count matches, nothing changed</source>
        <translation>{sku}：实盘与账面一致，未作调整</translation>
    </message>
    <message>
        <source>{sku} adjusted to {qty}</source>
        <translation>{sku} 已调整为 {qty}</translation>
    </message>
    <message>
        <source>{qty} × {sku} put in quarantine</source>
        <translation>{qty} × {sku} 已隔离待检</translation>
    </message>
    <message>
        <source>{qty} × {sku} released from quarantine</source>
        <translation>{qty} × {sku} 已解除隔离</translation>
    </message>
    <message>
        <source>Scrapped {qty} × {sku} from quarantine</source>
        <translation>已从隔离区报废 {qty} × {sku}</translation>
    </message>
    <message>
        <source>Scrapped {qty} × {sku}</source>
        <translation>已报废 {qty} × {sku}</translation>
    </message>
</context>
<context>
    <name>MoveKind</name>
    <message>
        <source>Received</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Opening stock</source>
        <translation>期初库存</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Sent to another warehouse</source>
        <translation>调拨出库（在途）</translation>
    </message>
    <message>
        <source>Arrived from another warehouse</source>
        <translation>调拨入库</translation>
    </message>
    <message>
        <source>Stocktake adjustment</source>
        <translation>盘点调整</translation>
    </message>
    <message>
        <source>Scrapped</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Released from quarantine</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货出库</translation>
    </message>
    <message>
        <source>Customer return</source>
        <translation>客户退货</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <source>order number, then Enter</source>
        <translation>输入订单号后按回车</translation>
    </message>
    <message>
        <source>or a customer&apos;s name or phone, then Enter</source>
        <translation>或输入客户姓名/电话后按回车</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <source>Sub-reason</source>
        <translation>具体原因</translation>
    </message>
    <message>
        <source>Customer&apos;s demand</source>
        <translation>客户诉求</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Deadline (处理时限)</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Customer history: orders and earlier cases</source>
        <translation>客户历史：订单和以往工单</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) from now</source>
        <translation>
            <numerusform>%n 小时内</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>证据文件</translation>
    </message>
</context>
<context>
    <name>NewKeyDialog</name>
    <message>
        <source>New key for {name}</source>
        <translation>{name} 的新密钥</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥（Key）</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API 密钥（Secret）</translation>
    </message>
</context>
<context>
    <name>NewPoDialog</name>
    <message>
        <source>New purchase order</source>
        <translation>新建采购单</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>采购价</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>添加商品</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Leave the unit cost empty for the supplier&apos;s cost</source>
        <translation>采购价留空则使用供应商的采购价</translation>
    </message>
    <message>
        <source>SKU or barcode</source>
        <translation>SKU 或条码</translation>
    </message>
    <message>
        <source>supplier&apos;s cost</source>
        <translation>供应商采购价</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>OrderColumns</name>
    <message>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>Channel order no.</source>
        <translation>平台订单号</translation>
    </message>
    <message>
        <source>Review reasons</source>
        <translation>审单原因</translation>
    </message>
    <message>
        <source>On hold for review: {reasons}</source>
        <translation>待审核：{reasons}</translation>
    </message>
</context>
<context>
    <name>OrderDetailView</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>订单日志</translation>
    </message>
    <message>
        <source>Choose an order to see it here.</source>
        <translation>选择一个订单查看详情。</translation>
    </message>
    <message>
        <source>On hold for review:</source>
        <translation>待审核（异常订单）：</translation>
    </message>
    <message>
        <source>Goods {amount}</source>
        <translation>商品金额 {amount}</translation>
    </message>
    <message>
        <source>Shipping {amount}</source>
        <translation>运费 {amount}</translation>
    </message>
    <message>
        <source>Total {amount}</source>
        <translation>订单金额 {amount}</translation>
    </message>
    <message>
        <source>{status}, {amount} received</source>
        <translation>{status}，已收 {amount}</translation>
    </message>
    <message>
        <source>Platform fee {amount}</source>
        <translation>平台费用 {amount}</translation>
    </message>
    <message>
        <source>Refunded {amount} on {day}: {reason}</source>
        <translation>{day} 退款 {amount}：{reason}</translation>
    </message>
    <message>
        <source>Cost of goods {amount}</source>
        <translation>商品成本 {amount}</translation>
    </message>
    <message>
        <source>From {warehouse}</source>
        <translation>发货仓 {warehouse}</translation>
    </message>
    <message>
        <source>{grams} g</source>
        <translation>{grams} 克</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reserved {qty} × {sku} in {where}</source>
        <translation>已占用 {qty} × {sku}，库位 {where}</translation>
    </message>
    <message>
        <source>Split from</source>
        <translation>拆自</translation>
    </message>
    <message>
        <source>Split into</source>
        <translation>拆分为</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <source>Not allocated yet</source>
        <translation>尚未配货</translation>
    </message>
    <message>
        <source>Buyer&apos;s remark: {text}</source>
        <translation>买家留言：{text}</translation>
    </message>
    <message>
        <source>Internal note: {text}</source>
        <translation>内部备注：{text}</translation>
    </message>
</context>
<context>
    <name>OrderEditDialog</name>
    <message>
        <source>Edit order {number}</source>
        <translation>编辑订单 {number}</translation>
    </message>
    <message>
        <source>Customer: {who}</source>
        <translation>客户：{who}</translation>
    </message>
</context>
<context>
    <name>OrderEntryDialog</name>
    <message>
        <source>New order</source>
        <translation>新建订单</translation>
    </message>
    <message>
        <source>The platform&apos;s order number (not for manual or phone orders)</source>
        <translation>平台订单号（手工单、电话单不填）</translation>
    </message>
    <message>
        <source>Find a customer by name or phone</source>
        <translation>按姓名或手机号查找客户</translation>
    </message>
    <message>
        <source>New customer: created from the recipient when the order is saved</source>
        <translation>新客户：保存订单时按收货人自动建档</translation>
    </message>
    <message>
        <source>Scan a barcode, or type SKU, name or pinyin, then Enter</source>
        <translation>扫描条码，或输入商品编码、名称、拼音后回车</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Confirm now (review, then allocate stock)</source>
        <translation>立即确认（审单后配货）</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Channel order no.</source>
        <translation>平台订单号</translation>
    </message>
    <message>
        <source>Customer and ship-to</source>
        <translation>客户与收货地址</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款状态</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Buyer&apos;s remark</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Customer: {who}</source>
        <translation>客户：{who}</translation>
    </message>
    <message>
        <source>No product matches {text!r}</source>
        <translation>没有商品匹配 {text!r}</translation>
    </message>
    <message>
        <source>{sku} × {qty}</source>
        <translation>{sku} × {qty}</translation>
    </message>
</context>
<context>
    <name>OrderImportActions</name>
    <message>
        <source>Import orders…</source>
        <translation>导入订单…</translation>
    </message>
    <message>
        <source>Taobao/Tmall or Pinduoduo export, or another system&apos;s order file</source>
        <translation>淘宝/天猫、拼多多的订单导出文件，或其他系统的订单文件</translation>
    </message>
    <message>
        <source>Unmatched SKUs</source>
        <translation>未匹配商品</translation>
    </message>
    <message>
        <source>Channel SKUs no product has: their orders wait for a link</source>
        <translation>没有对应商品的渠道商品编码：其订单等待关联商品</translation>
    </message>
    <message numerus="yes">
        <source>Unmatched SKUs (%n)</source>
        <translation>
            <numerusform>未匹配商品 (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n order(s)</source>
        <translation>
            <numerusform>已导入 %n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Linked SKUs: %n order(s) created</source>
        <translation>
            <numerusform>已关联商品：创建了 %n 个订单</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderLayoutDialog</name>
    <message>
        <source>New order layout</source>
        <translation>新建订单导入模板</translation>
    </message>
    <message>
        <source>A sample export of the other system: CSV or Excel (.xlsx)</source>
        <translation>其他系统导出的样例文件：CSV 或 Excel (.xlsx)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>e.g. 微店 export</source>
        <translation>例如 微店导出</translation>
    </message>
    <message>
        <source>File (no channel)</source>
        <translation>文件（无渠道）</translation>
    </message>
    <message>
        <source>the shop&apos;s, e.g. CNY</source>
        <translation>默认为本店币种，例如 CNY</translation>
    </message>
    <message>
        <source>this computer&apos;s, e.g. Asia/Shanghai</source>
        <translation>默认为本机时区，例如 Asia/Shanghai</translation>
    </message>
    <message>
        <source>Choose a sample file: its heading row is read.</source>
        <translation>请选择样例文件：将读取它的表头行。</translation>
    </message>
    <message>
        <source>Which column holds each order field (* needed)</source>
        <translation>每个订单字段对应的列（* 为必填）</translation>
    </message>
    <message>
        <source>Sample file</source>
        <translation>样例文件</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <source>Layout name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <source>Orders come from</source>
        <translation>订单来源渠道</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Time zone of its times</source>
        <translation>文件中时间的时区</translation>
    </message>
    <message>
        <source>Sample order export</source>
        <translation>订单导出样例文件</translation>
    </message>
    <message>
        <source>Order exports (*.csv *.xlsx *.txt)</source>
        <translation>订单文件 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message numerus="yes">
        <source>Headings found on row {row}: %n column(s).</source>
        <translation>
            <numerusform>表头在第 {row} 行：共 %n 列。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading {name}</source>
        <translation>正在读取 {name}</translation>
    </message>
    <message>
        <source>— not in the file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
    <message>
        <source>Saving the layout</source>
        <translation>正在保存模板</translation>
    </message>
</context>
<context>
    <name>OrderLines</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>已扫描</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退</translation>
    </message>
</context>
<context>
    <name>OrderProblemList</name>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Store order</source>
        <translation>店铺订单号</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>变动时间</translation>
    </message>
    <message>
        <source>Why it was not imported</source>
        <translation>未导入原因</translation>
    </message>
    <message>
        <source>Import as it is</source>
        <translation>按原样导入</translation>
    </message>
    <message>
        <source>An order in another currency keeps its amounts in that currency; nothing is converted</source>
        <translation>其他币种的订单保留原币种金额，不做换算</translation>
    </message>
    <message>
        <source>Leave out…</source>
        <translation>不导入…</translation>
    </message>
    <message>
        <source>Leave out an order</source>
        <translation>不导入订单</translation>
    </message>
    <message>
        <source>Leave out order {order} of {channel} for good? It will not be imported.</source>
        <translation>确定永久不导入 {channel} 的订单 {order} 吗？它不会被导入。</translation>
    </message>
</context>
<context>
    <name>OrderSettingsPage</name>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> orders</source>
        <translation> 单</translation>
    </message>
    <message>
        <source> addresses</source>
        <translation> 个地址</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>to</source>
        <translation>发往</translation>
    </message>
    <message>
        <source>within</source>
        <translation>时间在</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Buyer remark (买家留言)</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Incomplete or suspicious address (地址不完整)</source>
        <translation>地址不完整或可疑</translation>
    </message>
    <message>
        <source>Not enough stock (库存不足)</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Review rules: which orders are held for a person to look at (异常订单)</source>
        <translation>审单规则：哪些订单转为异常订单，待人工审核</translation>
    </message>
    <message>
        <source>Many orders from one buyer or phone</source>
        <translation>同一买家或电话多次下单</translation>
    </message>
    <message>
        <source>High-value orders above</source>
        <translation>高额订单：金额高于</translation>
    </message>
    <message>
        <source>Blocked phones, one per line</source>
        <translation>黑名单电话（每行一个）</translation>
    </message>
    <message>
        <source>Blocked buyers, one per line</source>
        <translation>黑名单买家（每行一个）</translation>
    </message>
    <message>
        <source>Also hold</source>
        <translation>以下情况也转异常</translation>
    </message>
    <message>
        <source>Ship what is there, the rest waits</source>
        <translation>先发有货的，其余等待</translation>
    </message>
    <message>
        <source>Wait until all of it is there</source>
        <translation>等待到齐再发</translation>
    </message>
    <message>
        <source>Hide the middle of phone numbers on labels (138****5678)</source>
        <translation>面单隐藏电话中间位（138****5678）</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>When stock is short</source>
        <translation>缺货时</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>面单</translation>
    </message>
    <message>
        <source>Order settings belong to the shop, for every computer; they apply to orders confirmed from now on.</source>
        <translation>订单设置属于店铺，对所有电脑生效；只适用于此后确认的订单。</translation>
    </message>
    <message>
        <source>Only the owner can change the order settings; you see them as they are.</source>
        <translation>只有店主可以修改订单设置；您只能查看。</translation>
    </message>
    <message>
        <source>{problem}: enter an amount like 3000.00, or leave it empty</source>
        <translation>{problem}：请输入金额，如 3000.00，或留空</translation>
    </message>
    <message>
        <source>The order settings were not saved.</source>
        <translation>订单设置未保存。</translation>
    </message>
    <message>
        <source>The order settings were not saved:</source>
        <translation>订单设置未保存：</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>已配货</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Waiting for stock</source>
        <translation>待配货</translation>
    </message>
    <message>
        <source>To ship</source>
        <translation>待发货</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手工单</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Pick-up</source>
        <translation>自提</translation>
    </message>
    <message>
        <source>Taobao</source>
        <translation>淘宝</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Own website</source>
        <translation>官网</translation>
    </message>
    <message>
        <source>WooCommerce</source>
        <translation>WooCommerce</translation>
    </message>
    <message>
        <source>Shopify</source>
        <translation>Shopify</translation>
    </message>
    <message>
        <source>After-sales</source>
        <translation>售后</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Partly paid</source>
        <translation>部分付款</translation>
    </message>
    <message>
        <source>Cash on delivery</source>
        <translation>货到付款</translation>
    </message>
    <message>
        <source>Partly refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Order entered</source>
        <translation>订单录入</translation>
    </message>
    <message>
        <source>Order changed</source>
        <translation>订单修改</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>拆单</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>合单</translation>
    </message>
    <message>
        <source>Waybill recorded</source>
        <translation>已录入面单号</translation>
    </message>
    <message>
        <source>order total is above the review threshold</source>
        <translation>订单金额超过审单阈值</translation>
    </message>
    <message>
        <source>the phone number is on the blocked list</source>
        <translation>手机号在黑名单中</translation>
    </message>
    <message>
        <source>the buyer is on the blocked list</source>
        <translation>买家在黑名单中</translation>
    </message>
    <message>
        <source>the buyer left a remark to read</source>
        <translation>买家有留言待查看</translation>
    </message>
    <message>
        <source>not enough stock to ship the whole order</source>
        <translation>库存不足，无法整单发货</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>Search order number, buyer, phone or SKU  Ctrl+F</source>
        <translation>搜索订单号、买家、手机号或商品编码  Ctrl+F</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <source>New order…</source>
        <translation>新建订单…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Allocate</source>
        <translation>配货</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <source>Hold…</source>
        <translation>挂起…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合单</translation>
    </message>
    <message>
        <source>Split…</source>
        <translation>拆单…</translation>
    </message>
    <message>
        <source>Waybill…</source>
        <translation>录入面单…</translation>
    </message>
    <message>
        <source>Pick list…</source>
        <translation>拣货单…</translation>
    </message>
    <message>
        <source>Labels…</source>
        <translation>打印面单…</translation>
    </message>
    <message>
        <source>Scan pick…</source>
        <translation>扫码拣货…</translation>
    </message>
    <message>
        <source>Pack…</source>
        <translation>打包…</translation>
    </message>
    <message>
        <source>Mark shipped…</source>
        <translation>发货…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{verb}: %n order(s) done</source>
        <translation>
            <numerusform>{verb}：%n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n refused</source>
        <translation>
            <numerusform>，%n 个未通过</numerusform>
        </translation>
    </message>
    <message>
        <source>Some orders were not changed</source>
        <translation>部分订单未处理</translation>
    </message>
    <message>
        <source>Approving orders</source>
        <translation>正在审单</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Allocating orders</source>
        <translation>正在配货</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>已配货</translation>
    </message>
    <message>
        <source>Reject orders</source>
        <translation>驳回订单</translation>
    </message>
    <message>
        <source>Why are these orders rejected? (goes in their timeline)</source>
        <translation>驳回原因？（记入订单日志）</translation>
    </message>
    <message>
        <source>Rejecting orders</source>
        <translation>正在驳回订单</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Cancel orders</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Why are these orders cancelled? (goes in their timeline)</source>
        <translation>取消原因？（记入订单日志）</translation>
    </message>
    <message>
        <source>Cancelling orders</source>
        <translation>正在取消订单</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Hold orders</source>
        <translation>挂起订单</translation>
    </message>
    <message>
        <source>Why are these orders held? (goes in their timeline)</source>
        <translation>为什么挂起这些订单？（记入订单时间线）</translation>
    </message>
    <message>
        <source>Holding orders</source>
        <translation>正在挂起订单</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已挂起</translation>
    </message>
    <message numerus="yes">
        <source>Merged %n order(s) into {number}</source>
        <translation>
            <numerusform>已将 %n 个订单合单为 {number}</numerusform>
        </translation>
    </message>
    <message>
        <source>Merging orders</source>
        <translation>正在合单</translation>
    </message>
    <message>
        <source>Split {number}: {new} is new</source>
        <translation>{number} 已拆单：新订单 {new}</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>拣货单</translation>
    </message>
    <message numerus="yes">
        <source>A pick list for %n order(s), bin by bin</source>
        <translation>
            <numerusform>%n 个订单的拣货单，按库位排序</numerusform>
        </translation>
    </message>
    <message>
        <source>Shipping labels</source>
        <translation>面单</translation>
    </message>
    <message numerus="yes">
        <source>Shipping labels (面单) for %n order(s)</source>
        <translation>
            <numerusform>%n 个订单的面单</numerusform>
        </translation>
    </message>
    <message>
        <source>Order {number} saved</source>
        <translation>订单 {number} 已保存</translation>
    </message>
    <message>
        <source>Waybill recorded on {number}</source>
        <translation>已为 {number} 录入面单</translation>
    </message>
    <message numerus="yes">
        <source>Picked %n order(s)</source>
        <translation>
            <numerusform>已拣货 %n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shipped %n order(s)</source>
        <translation>
            <numerusform>已发货 %n 个订单</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxList</name>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Next try</source>
        <translation>下次尝试</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Drop…</source>
        <translation>放弃…</translation>
    </message>
    <message>
        <source>Drop changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>Drop {count} change(s) for the store? They will not be sent: the store keeps what it shows now.</source>
        <translation>放弃发往店铺的 {count} 项更改？它们不会再发送：店铺保持现在显示的数据。</translation>
    </message>
</context>
<context>
    <name>PackingDialog</name>
    <message>
        <source>Packing</source>
        <translation>打包</translation>
    </message>
    <message>
        <source>Scan or type the order number, then Enter</source>
        <translation>扫描或输入订单号后回车</translation>
    </message>
    <message>
        <source>Scan each item (barcode or SKU), then Enter</source>
        <translation>逐件扫描商品（条码或商品编码）后回车</translation>
    </message>
    <message>
        <source>Print packing slip</source>
        <translation>打印装箱单</translation>
    </message>
    <message>
        <source>Print label</source>
        <translation>打印面单</translation>
    </message>
    <message>
        <source>Next order</source>
        <translation>下一单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Order {number} is {status}: only allocated or picked orders are packed.</source>
        <translation>订单 {number} 状态为{status}：只有已配货或已拣货的订单可以打包。</translation>
    </message>
    <message>
        <source>Scan the order number first.</source>
        <translation>请先扫描订单号。</translation>
    </message>
    <message>
        <source>{sku} {name}: {packed} of {quantity}</source>
        <translation>{sku} {name}：{packed} / {quantity}</translation>
    </message>
    <message>
        <source>PACKED ✓ — close the parcel</source>
        <translation>已打包 ✓ — 请封箱</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left to scan</source>
        <translation>
            <numerusform>还需扫描 %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PickLinesModel</name>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>To pick</source>
        <translation>应拣</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
</context>
<context>
    <name>PickingDialog</name>
    <message>
        <source>Picking</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Mark the orders picked once every item is scanned (Ctrl+Enter)</source>
        <translation>全部商品扫描后，将订单标记为已拣货（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>Pick list for %n order(s): {numbers}</source>
        <translation>
            <numerusform>%n 个订单的拣货单：{numbers}</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to pick.</source>
        <translation>没有需要拣货的商品。</translation>
    </message>
    <message>
        <source>Unknown code {code}: no product has this SKU or barcode. Nothing counted.</source>
        <translation>未知条码 {code}：没有商品使用此编码或条码。未计数。</translation>
    </message>
    <message>
        <source>WRONG ITEM: {sku} {name} is not on this pick list. Put it back.</source>
        <translation>拣错了：{sku} {name} 不在本拣货单上，请放回。</translation>
    </message>
    <message>
        <source>TOO MANY: all {wanted} × {sku} {name} are already picked. Put this one back.</source>
        <translation>拣多了：{wanted} × {sku} {name} 已全部拣完，请放回这一件。</translation>
    </message>
    <message>
        <source>{sku} {name}: {picked} of {quantity} from {bin} for {order}</source>
        <translation>{sku} {name}：已拣 {picked}/{quantity}，库位 {bin}，订单 {order}</translation>
    </message>
    <message>
        <source>ALL PICKED ✓ — press Finish</source>
        <translation>全部拣完 ✓ —— 请点“完成”</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left to pick</source>
        <translation>
            <numerusform>还剩 %n 件待拣</numerusform>
        </translation>
    </message>
    <message>
        <source>Next: {bin} — {left} × {sku} {name} for {order}</source>
        <translation>下一个：{bin} —— {left} × {sku} {name}，订单 {order}</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) are still to pick: scan them before Finish.</source>
        <translation>
            <numerusform>还有 %n 件未拣：请先扫描再点“完成”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Some orders were not marked picked</source>
        <translation>部分订单未能标记为已拣货</translation>
    </message>
    <message>
        <source>Stop picking</source>
        <translation>停止拣货</translation>
    </message>
    <message numerus="yes">
        <source>Close without marking the orders picked? The %n item(s) scanned are not kept; the orders stay allocated.</source>
        <translation>
            <numerusform>不标记已拣货就关闭吗？已扫描的 %n 件不会保留，订单仍为已配货。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PoColumns</name>
    <message>
        <source>Number</source>
        <translation>采购单号</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建日期</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已入库</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>采购数量</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单价</translation>
    </message>
</context>
<context>
    <name>PoStatus</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>已下单</translation>
    </message>
    <message>
        <source>Partly received</source>
        <translation>部分入库</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已入库</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>PrintChoiceDialog</name>
    <message>
        <source>One list for all orders, with a put-wall split</source>
        <translation>合并拣货（附播种墙分拣）</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>ZPL for a thermal printer (203 dpi)</source>
        <translation>ZPL（热敏打印机，203 dpi）</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>面单尺寸</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Prints through the print dialog, or opens the PDF when there is no printer</source>
        <translation>通过打印对话框打印；没有打印机时打开 PDF</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>ZPL for label printers (*.zpl)</source>
        <translation>ZPL 面单打印机文件 (*.zpl)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PrintPdf</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <source>Printing labels</source>
        <translation>打印面单</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>ZPL for a thermal printer (203 dpi)</source>
        <translation>ZPL（热敏打印机，203 dpi）</translation>
    </message>
    <message>
        <source>Save as PDF (no printer on this computer)</source>
        <translation>保存为 PDF（本机没有打印机）</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>面单尺寸</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Making a test label…</source>
        <translation>正在生成测试面单…</translation>
    </message>
    <message>
        <source>Sent the test label {path} to {printer}</source>
        <translation>测试面单 {path} 已发送到 {printer}</translation>
    </message>
    <message>
        <source>Test print cancelled; the label is {path}</source>
        <translation>已取消测试打印；面单文件为 {path}</translation>
    </message>
    <message>
        <source>No PDF viewer on this computer; the test label is {path}</source>
        <translation>本机没有 PDF 阅读器；测试面单在 {path}</translation>
    </message>
    <message>
        <source>Opened the preview {path}</source>
        <translation>已打开预览 {path}</translation>
    </message>
    <message>
        <source>ZPL for the printer: {path}</source>
        <translation>打印机用的 ZPL：{path}</translation>
    </message>
    <message>
        <source>Making a test label</source>
        <translation>生成测试面单</translation>
    </message>
</context>
<context>
    <name>ProductColumns</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Second name</source>
        <translation>副名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <source>e.g. the English name</source>
        <translation>例如英文名称</translation>
    </message>
    <message>
        <source>e.g. 红色 / M</source>
        <translation>例如 红色 / M</translation>
    </message>
    <message>
        <source>SKU of the style this variant belongs to</source>
        <translation>该规格所属款式的商品编码</translation>
    </message>
    <message>
        <source>e.g. 服装/上衣/T恤</source>
        <translation>例如 服装/上衣/T恤</translation>
    </message>
    <message>
        <source>not shown to your role</source>
        <translation>您的角色无权查看</translation>
    </message>
    <message>
        <source>scan or type; several separated by spaces</source>
        <translation>扫描或输入；多个条码用空格分隔</translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Second name</source>
        <translation>副名称</translation>
    </message>
    <message>
        <source>Variant (规格)</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Parent SKU</source>
        <translation>父商品编码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Price ({currency})</source>
        <translation>售价（{currency}）</translation>
    </message>
    <message>
        <source>Cost ({currency})</source>
        <translation>成本（{currency}）</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Weight (g)</source>
        <translation>重量（克）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>This product is archived: the product list hides it.</source>
        <translation>此商品已归档：商品列表中不显示。</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Use at most {n} decimal places</source>
        <translation>最多 {n} 位小数</translation>
    </message>
    <message>
        <source>Enter an amount like 59.90</source>
        <translation>请输入金额，例如 59.90</translation>
    </message>
</context>
<context>
    <name>ProductPicker</name>
    <message>
        <source>Scan a barcode, or type SKU, name or pinyin, then Enter</source>
        <translation>扫描条码，或输入商品编码、名称、拼音后回车</translation>
    </message>
    <message>
        <source>No product chosen</source>
        <translation>未选择商品</translation>
    </message>
    <message>
        <source>No product matches {text!r}</source>
        <translation>没有商品匹配 {text!r}</translation>
    </message>
    <message>
        <source>Product: {product}</source>
        <translation>商品：{product}</translation>
    </message>
</context>
<context>
    <name>ProductStatus</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Listed</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>Delisted</source>
        <translation>下架</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
</context>
<context>
    <name>ProductsTab</name>
    <message>
        <source>Search name, SKU, barcode or pinyin (e.g. cmdx)  Ctrl+F</source>
        <translation>搜索名称、商品编码、条码或拼音（如 cmdx）  Ctrl+F</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>共 %n 个商品</numerusform>
        </translation>
    </message>
    <message>
        <source>Product {sku} created</source>
        <translation>已创建商品 {sku}</translation>
    </message>
    <message>
        <source>Product {sku} saved</source>
        <translation>已保存商品 {sku}</translation>
    </message>
    <message numerus="yes">
        <source>Archived %n product(s); tick Show archived to see them</source>
        <translation>
            <numerusform>已归档 %n 个商品；勾选“显示已归档”可查看</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n product(s)</source>
        <translation>
            <numerusform>已恢复 %n 个商品</numerusform>
        </translation>
    </message>
    <message>
        <source>Archiving products</source>
        <translation>正在归档商品</translation>
    </message>
    <message>
        <source>Restoring products</source>
        <translation>正在恢复商品</translation>
    </message>
    <message>
        <source>Export products</source>
        <translation>导出商品</translation>
    </message>
    <message>
        <source>products.xlsx</source>
        <translation>商品.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n product(s) to {path}</source>
        <translation>
            <numerusform>已导出 %n 个商品到 {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting products</source>
        <translation>正在导出商品</translation>
    </message>
</context>
<context>
    <name>PurchasePage</name>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>New PO…</source>
        <translation>新建采购单…</translation>
    </message>
    <message>
        <source>Add line…</source>
        <translation>添加商品…</translation>
    </message>
    <message>
        <source>Send to supplier</source>
        <translation>下单给供应商</translation>
    </message>
    <message>
        <source>Receive…</source>
        <translation>入库…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Cancel PO…</source>
        <translation>取消采购单…</translation>
    </message>
    <message>
        <source>Close PO…</source>
        <translation>关闭采购单…</translation>
    </message>
    <message>
        <source>Create purchase orders from the suggestions</source>
        <translation>按补货建议生成采购单</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Suppliers…</source>
        <translation>供应商…</translation>
    </message>
    <message>
        <source>Reorder suggestions (补货建议)</source>
        <translation>补货建议</translation>
    </message>
    <message>
        <source>{number} · {supplier} · delivered to {warehouse}</source>
        <translation>{number} · {supplier} · 送货至 {warehouse}</translation>
    </message>
    <message>
        <source>Created {number}</source>
        <translation>已创建 {number}</translation>
    </message>
    <message>
        <source>Close {number}</source>
        <translation>关闭 {number}</translation>
    </message>
    <message>
        <source>Why will the rest not be delivered?</source>
        <translation>为什么其余货物不再送达？</translation>
    </message>
    <message>
        <source>{number} closed</source>
        <translation>{number} 已关闭</translation>
    </message>
    <message>
        <source>{number} sent to the supplier</source>
        <translation>{number} 已下单给供应商</translation>
    </message>
    <message>
        <source>Cancel {number}</source>
        <translation>取消 {number}</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>取消原因？</translation>
    </message>
    <message>
        <source>Save purchase order</source>
        <translation>保存采购单</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the purchase order</source>
        <translation>正在生成采购单</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message numerus="yes">
        <source>Created %n draft purchase order(s)</source>
        <translation>
            <numerusform>已生成 %n 张草稿采购单</numerusform>
        </translation>
    </message>
    <message>
        <source>no supplier for {skus}</source>
        <translation>以下商品没有供应商：{skus}</translation>
    </message>
    <message>
        <source>Creating purchase orders</source>
        <translation>正在生成采购单</translation>
    </message>
</context>
<context>
    <name>ReadingPage</name>
    <message>
        <source>How the file is read</source>
        <translation>文件读取方式</translation>
    </message>
    <message>
        <source>Check that the text and the columns look right; change what was detected if not.</source>
        <translation>请检查文字和各列是否显示正确；如不正确，请修改自动识别的设置。</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Headings on row</source>
        <translation>表头所在行</translation>
    </message>
    <message>
        <source>Prices written as</source>
        <translation>价格写法</translation>
    </message>
    <message>
        <source>Headings found on row {row}.</source>
        <translation>表头在第 {row} 行。</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Read as {encoding}, separated by {delimiter}.</source>
        <translation>按 {encoding} 编码读取，以{delimiter}分隔。</translation>
    </message>
    <message>
        <source>Prices with a decimal comma.</source>
        <translation>价格以逗号作小数点。</translation>
    </message>
</context>
<context>
    <name>ReceivePoDialog</name>
    <message>
        <source>Receive {number}</source>
        <translation>{number} 入库</translation>
    </message>
    <message>
        <source>Scan to receive: each scan adds 1 to its line</source>
        <translation>扫码收货：每扫一次，对应行加 1</translation>
    </message>
    <message>
        <source>Counting by scan: every line started at 0; each scan adds 1.</source>
        <translation>扫码计数：各行已从 0 开始，每扫一次加 1。</translation>
    </message>
    <message>
        <source>Each product&apos;s default bin</source>
        <translation>各商品的默认库位</translation>
    </message>
    <message>
        <source>Put into</source>
        <translation>入库库位</translation>
    </message>
    <message>
        <source>Delivery note</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <source>&amp;OK</source>
        <translation>确定(&amp;O)</translation>
    </message>
    <message>
        <source>Book what the lines say (Ctrl+Enter)</source>
        <translation>按各行数量入库（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Unknown code {code}: not counted</source>
        <translation>未知条码 {code}：未计数</translation>
    </message>
    <message>
        <source>{product} is not on {number}: not counted</source>
        <translation>{product} 不在 {number} 上：未计数</translation>
    </message>
    <message>
        <source>{product}: {counted} of {outstanding}</source>
        <translation>{product}：{counted}/{outstanding}</translation>
    </message>
    <message>
        <source>{product}: all {outstanding} outstanding are counted already; this one is not</source>
        <translation>{product}：待收的 {outstanding} 件已全部计数，这一件不计入</translation>
    </message>
    <message numerus="yes">
        <source>Received %n unit(s) on {number}</source>
        <translation>
            <numerusform>{number} 已入库 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>now allocated: {orders}</source>
        <translation>已配货订单：{orders}</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Paid {paid}, refunded {refunded}: at most {left} {currency}</source>
        <translation>实付 {paid}，已退 {refunded}：最多可退 {left} {currency}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>退款方式</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ReorderColumns</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Sold per day</source>
        <translation>日均销量</translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation>采购周期（天）</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用库存</translation>
    </message>
    <message>
        <source>On order</source>
        <translation>在途采购</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>补货点</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>建议采购</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Month-end workbook (月结)</source>
        <translation>月结报表</translation>
    </message>
    <message>
        <source>Stock on hand and value</source>
        <translation>库存现状与金额</translation>
    </message>
    <message>
        <source>Low stock and reorder suggestions</source>
        <translation>低库存与补货建议</translation>
    </message>
    <message>
        <source>ABC analysis</source>
        <translation>ABC分类分析</translation>
    </message>
    <message>
        <source>Inventory turnover</source>
        <translation>库存周转率</translation>
    </message>
    <message>
        <source>Slow movers and dead stock</source>
        <translation>滞销与呆滞库存</translation>
    </message>
    <message>
        <source>Customer segments (RFM)</source>
        <translation>客户分层（RFM）</translation>
    </message>
    <message>
        <source>Repurchase rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>Complaints and returns</source>
        <translation>投诉与退货分析</translation>
    </message>
    <message>
        <source>Sales by channel, category, product or time</source>
        <translation>销售分析（渠道、分类、商品、时间）</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Show buyers masked (张**)</source>
        <translation>买家姓名脱敏显示（张**）</translation>
    </message>
    <message>
        <source>Your role sees buyers masked</source>
        <translation>您的角色只能看到脱敏后的买家信息</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To (included)</source>
        <translation>结束日期（含）</translation>
    </message>
    <message>
        <source>As of the end of</source>
        <translation>截至日期</translation>
    </message>
    <message>
        <source>Classes by</source>
        <translation>分类依据</translation>
    </message>
    <message>
        <source>A/B/C shares (%)</source>
        <translation>A/B/C 占比（%）</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Sales looked at (days)</source>
        <translation>统计销量天数</translation>
    </message>
    <message>
        <source>Slow beyond (days of stock)</source>
        <translation>可售天数超过即为滞销</translation>
    </message>
    <message>
        <source>Workbook language</source>
        <translation>报表语言</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Save to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Reading the report</source>
        <translation>正在读取报表</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing {path}…</source>
        <translation>正在写入 {path}…</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>正在生成报表</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Report saved to {path}</source>
        <translation>报表已保存到 {path}</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：没有写入任何文件。</translation>
    </message>
    <message>
        <source>The report was not written.</source>
        <translation>报表未生成。</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Receive returned goods</source>
        <translation>退货入库</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Shipped / back</source>
        <translation>已发 / 已退</translation>
    </message>
    <message>
        <source>Units back</source>
        <translation>退回件数</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>The parcel never arrived: close these units as lost</source>
        <translation>退件未收到：按丢失处理</translation>
    </message>
    <message>
        <source>what inspection found</source>
        <translation>验货结果</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>验货</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <source>Scan a barcode or type a SKU, then Enter</source>
        <translation>扫描条码或输入商品编码，然后回车</translation>
    </message>
</context>
<context>
    <name>ServiceMessages</name>
    <message>
        <source>to</source>
        <translation>调入库位</translation>
    </message>
    <message>
        <source>from</source>
        <translation>调出库位</translation>
    </message>
    <message>
        <source>location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>tracking_no</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>warehouse staff</source>
        <translation>仓库人员</translation>
    </message>
    <message>
        <source>accountant</source>
        <translation>会计</translation>
    </message>
    <message>
        <source>customer service</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>add a sales channel</source>
        <translation>添加销售渠道</translation>
    </message>
    <message>
        <source>add bins</source>
        <translation>新增库位</translation>
    </message>
    <message>
        <source>add categories</source>
        <translation>新增分类</translation>
    </message>
    <message>
        <source>add customers</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <source>add evidence</source>
        <translation>添加证据</translation>
    </message>
    <message>
        <source>add products</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <source>add suppliers</source>
        <translation>新增供应商</translation>
    </message>
    <message>
        <source>add warehouses</source>
        <translation>新增仓库</translation>
    </message>
    <message>
        <source>add zones</source>
        <translation>新增库区</translation>
    </message>
    <message>
        <source>adjust stock</source>
        <translation>调整库存</translation>
    </message>
    <message>
        <source>agree solutions</source>
        <translation>确定处理方案</translation>
    </message>
    <message>
        <source>allocate orders</source>
        <translation>为订单配货</translation>
    </message>
    <message>
        <source>approve orders</source>
        <translation>审核通过订单</translation>
    </message>
    <message>
        <source>archive products</source>
        <translation>归档商品</translation>
    </message>
    <message>
        <source>archive suppliers</source>
        <translation>归档供应商</translation>
    </message>
    <message>
        <source>book customer returns</source>
        <translation>登记客户退货</translation>
    </message>
    <message>
        <source>cancel orders</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>cancel purchase orders</source>
        <translation>取消采购单</translation>
    </message>
    <message>
        <source>cancel stocktakes</source>
        <translation>取消库存盘点</translation>
    </message>
    <message>
        <source>carry out solutions</source>
        <translation>执行处理方案</translation>
    </message>
    <message>
        <source>change a sales channel</source>
        <translation>修改销售渠道</translation>
    </message>
    <message>
        <source>change case deadlines</source>
        <translation>修改工单处理时限</translation>
    </message>
    <message>
        <source>change cases</source>
        <translation>修改工单</translation>
    </message>
    <message>
        <source>change customers</source>
        <translation>修改客户</translation>
    </message>
    <message>
        <source>change default bins</source>
        <translation>修改默认库位</translation>
    </message>
    <message>
        <source>change orders</source>
        <translation>修改订单</translation>
    </message>
    <message>
        <source>change pick orders</source>
        <translation>修改拣货顺序</translation>
    </message>
    <message>
        <source>change product suppliers</source>
        <translation>修改商品供应商</translation>
    </message>
    <message>
        <source>change products</source>
        <translation>修改商品</translation>
    </message>
    <message>
        <source>change purchase orders</source>
        <translation>修改采购单</translation>
    </message>
    <message>
        <source>change return windows</source>
        <translation>修改退货期限</translation>
    </message>
    <message>
        <source>change safety stock and warning lines</source>
        <translation>修改安全库存和预警线</translation>
    </message>
    <message>
        <source>change shop settings</source>
        <translation>修改店铺设置</translation>
    </message>
    <message>
        <source>change suppliers</source>
        <translation>修改供应商</translation>
    </message>
    <message>
        <source>change the after-sales settings</source>
        <translation>修改售后设置</translation>
    </message>
    <message>
        <source>change the backorder policy</source>
        <translation>修改缺货订单策略</translation>
    </message>
    <message>
        <source>change the order settings</source>
        <translation>修改订单设置</translation>
    </message>
    <message>
        <source>change the review rules</source>
        <translation>修改审单规则</translation>
    </message>
    <message>
        <source>change the sub-reasons</source>
        <translation>修改具体原因</translation>
    </message>
    <message>
        <source>change the valuation method</source>
        <translation>修改库存计价方法</translation>
    </message>
    <message>
        <source>close cases</source>
        <translation>关闭工单</translation>
    </message>
    <message>
        <source>close purchase orders</source>
        <translation>关闭采购单</translation>
    </message>
    <message>
        <source>close returns as lost</source>
        <translation>将退货关闭为丢失</translation>
    </message>
    <message>
        <source>comment on cases</source>
        <translation>评论工单</translation>
    </message>
    <message>
        <source>complete orders</source>
        <translation>完成订单</translation>
    </message>
    <message>
        <source>confirm orders</source>
        <translation>确认订单</translation>
    </message>
    <message>
        <source>count stocktakes</source>
        <translation>录入盘点数量</translation>
    </message>
    <message>
        <source>create purchase orders</source>
        <translation>创建采购单</translation>
    </message>
    <message>
        <source>deallocate orders</source>
        <translation>取消订单配货</translation>
    </message>
    <message>
        <source>edit customers</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>enter orders</source>
        <translation>录入订单</translation>
    </message>
    <message>
        <source>erase a customer&apos;s personal data</source>
        <translation>删除客户个人数据</translation>
    </message>
    <message>
        <source>escalate cases</source>
        <translation>升级工单</translation>
    </message>
    <message>
        <source>export a customer&apos;s personal data</source>
        <translation>导出客户个人数据</translation>
    </message>
    <message>
        <source>export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>export the complaints analysis</source>
        <translation>导出投诉分析</translation>
    </message>
    <message>
        <source>hold orders</source>
        <translation>挂起订单</translation>
    </message>
    <message>
        <source>import opening stock</source>
        <translation>导入期初库存</translation>
    </message>
    <message>
        <source>import products</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <source>link channel SKUs to products</source>
        <translation>将渠道商品编码关联到商品</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>mark orders delivered</source>
        <translation>将订单标记为已签收</translation>
    </message>
    <message>
        <source>mark orders picked</source>
        <translation>将订单标记为已拣</translation>
    </message>
    <message>
        <source>merge customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <source>merge orders</source>
        <translation>合并订单</translation>
    </message>
    <message>
        <source>move stock</source>
        <translation>移动库存</translation>
    </message>
    <message>
        <source>order from suppliers</source>
        <translation>向供应商采购</translation>
    </message>
    <message>
        <source>pack orders</source>
        <translation>订单打包</translation>
    </message>
    <message>
        <source>post stocktakes</source>
        <translation>库存盘点过账</translation>
    </message>
    <message>
        <source>print purchase orders (they show purchase costs)</source>
        <translation>打印采购单（其中显示采购成本）</translation>
    </message>
    <message>
        <source>quarantine stock</source>
        <translation>隔离待检库存</translation>
    </message>
    <message>
        <source>receive goods</source>
        <translation>收货入库</translation>
    </message>
    <message>
        <source>receive returns</source>
        <translation>退货入库</translation>
    </message>
    <message>
        <source>receive stock</source>
        <translation>库存入库</translation>
    </message>
    <message>
        <source>receive transfers</source>
        <translation>调拨入库</translation>
    </message>
    <message>
        <source>record cases</source>
        <translation>登记工单</translation>
    </message>
    <message>
        <source>record waybills</source>
        <translation>录入面单</translation>
    </message>
    <message>
        <source>refund orders</source>
        <translation>订单退款</translation>
    </message>
    <message>
        <source>reject orders</source>
        <translation>驳回订单</translation>
    </message>
    <message>
        <source>release quarantined stock</source>
        <translation>解除库存隔离</translation>
    </message>
    <message>
        <source>release reserved stock</source>
        <translation>释放已占用库存</translation>
    </message>
    <message>
        <source>remove a sales channel</source>
        <translation>删除销售渠道</translation>
    </message>
    <message>
        <source>remove products</source>
        <translation>删除商品</translation>
    </message>
    <message>
        <source>reopen cases</source>
        <translation>重新打开工单</translation>
    </message>
    <message>
        <source>reserve stock</source>
        <translation>占用库存</translation>
    </message>
    <message>
        <source>restore a backup over the shop</source>
        <translation>用备份覆盖恢复店铺</translation>
    </message>
    <message>
        <source>restore the shop from a backup</source>
        <translation>从备份恢复店铺</translation>
    </message>
    <message>
        <source>scrap stock</source>
        <translation>报废库存</translation>
    </message>
    <message>
        <source>see the ABC analysis (it shows margins)</source>
        <translation>查看ABC分类分析（其中显示毛利）</translation>
    </message>
    <message>
        <source>see the month-end figures (cost of goods, margins, stock value)</source>
        <translation>查看月结数据（销售成本、毛利、库存价值）</translation>
    </message>
    <message>
        <source>see the sales report (it shows cost of goods and margins)</source>
        <translation>查看销售报表（其中显示销售成本和毛利）</translation>
    </message>
    <message>
        <source>see the slow movers report (it shows stock value)</source>
        <translation>查看滞销报表（其中显示库存价值）</translation>
    </message>
    <message>
        <source>see the stock value</source>
        <translation>查看库存价值</translation>
    </message>
    <message>
        <source>see the stock value report</source>
        <translation>查看库存价值报表</translation>
    </message>
    <message>
        <source>see the turnover report (it is built on cost of goods)</source>
        <translation>查看库存周转报表（基于销售成本）</translation>
    </message>
    <message>
        <source>ship orders</source>
        <translation>订单发货</translation>
    </message>
    <message>
        <source>ship stock</source>
        <translation>发货出库</translation>
    </message>
    <message>
        <source>split orders</source>
        <translation>拆分订单</translation>
    </message>
    <message>
        <source>start stocktakes</source>
        <translation>开始库存盘点</translation>
    </message>
    <message>
        <source>work after-sales cases</source>
        <translation>处理售后工单</translation>
    </message>
    <message>
        <source>write the month-end workbook (cost of goods, margins, stock value)</source>
        <translation>生成月结报表（销售成本、毛利、库存价值）</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Second name</source>
        <translation>副名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Nothing was moved</source>
        <translation>未移动任何库存</translation>
    </message>
    <message>
        <source>Nothing was received</source>
        <translation>未入库任何商品</translation>
    </message>
    <message>
        <source>Nothing was received on {po}</source>
        <translation>{po} 未入库任何商品</translation>
    </message>
    <message>
        <source>Stock not adjusted</source>
        <translation>库存未调整</translation>
    </message>
    <message>
        <source>Not counted</source>
        <translation>未盘点</translation>
    </message>
    <message>
        <source>{sku} not counted</source>
        <translation>{sku} 未盘点</translation>
    </message>
    <message>
        <source>Refund not recorded</source>
        <translation>退款未记录</translation>
    </message>
    <message>
        <source>Return not recorded</source>
        <translation>退货未记录</translation>
    </message>
    <message>
        <source>Barcode not assigned</source>
        <translation>条码未绑定</translation>
    </message>
    <message>
        <source>Nothing was merged</source>
        <translation>未合并任何订单</translation>
    </message>
    <message>
        <source>{n} problem(s) found</source>
        <translation>发现 {n} 个问题</translation>
    </message>
    <message>
        <source>Nothing was scanned</source>
        <translation>没有扫描到内容</translation>
    </message>
    <message>
        <source>Nothing was scanned.</source>
        <translation>没有扫描到内容。</translation>
    </message>
    <message>
        <source>Not enough stock of {sku} at {location}: {quantity} asked for, {what} (on hand {on_hand}, reserved {reserved}, available {available})</source>
        <translation>{sku} 在 {location} 库存不足：需要 {quantity} 件，{what}（在库数量 {on_hand}，已占用 {reserved}，可用库存 {available}）</translation>
    </message>
    <message>
        <source>not enough there</source>
        <translation>该库位数量不够</translation>
    </message>
    <message>
        <source>not that many reserved for {order}</source>
        <translation>为 {order} 占用的数量不够</translation>
    </message>
    <message>
        <source>cannot reserve it for {order}</source>
        <translation>无法为 {order} 占用库存</translation>
    </message>
    <message>
        <source>is the same location as from: nothing would move</source>
        <translation>与调出库位相同：不会移动任何库存</translation>
    </message>
    <message>
        <source>is already there</source>
        <translation>已经在该库位</translation>
    </message>
    <message>
        <source>must be a whole number above zero</source>
        <translation>必须是大于零的整数</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>say why the stock is adjusted (e.g. &apos;stocktake&apos;, &apos;found damaged&apos;)</source>
        <translation>请说明调整库存的原因（例如“盘点”、“发现破损”）</translation>
    </message>
    <message>
        <source>the quantity received is a whole number above zero</source>
        <translation>入库数量必须是大于零的整数</translation>
    </message>
    <message>
        <source>{number} was received by someone else meanwhile; reload it</source>
        <translation>{number} 刚刚已被他人入库；请重新载入</translation>
    </message>
    <message>
        <source>{sku} is in {n} places on this count ({paths}): say which</source>
        <translation>{sku} 在本次盘点中有 {n} 个库位（{paths}）：请指明是哪一个</translation>
    </message>
    <message>
        <source>{sku} is not on this count&apos;s list: say where it was found</source>
        <translation>{sku} 不在本次盘点清单上：请说明在哪里找到的</translation>
    </message>
    <message>
        <source>Unknown code {code}: {reason}. Scan it again.</source>
        <translation>无法识别的编码 {code}：{reason}。请重新扫描。</translation>
    </message>
    <message>
        <source>Unknown code {code}: no product has this SKU or barcode. Assign it to a product as a new barcode?</source>
        <translation>无法识别的编码 {code}：没有商品使用此 SKU 或条码。要把它作为新条码绑定到某个商品吗？</translation>
    </message>
    <message>
        <source>{kind} check digit is wrong: last digit is {last}, should be {expected}</source>
        <translation>{kind} 校验位错误：最后一位是 {last}，应为 {expected}</translation>
    </message>
    <message>
        <source>barcode is longer than {limit} characters</source>
        <translation>条码超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>barcode may only contain printable ASCII characters without spaces</source>
        <translation>条码只能包含可打印的 ASCII 字符，不能有空格</translation>
    </message>
    <message>
        <source>no product has this SKU or barcode</source>
        <translation>没有商品使用此 SKU 或条码</translation>
    </message>
    <message>
        <source>{code} already names {sku} ({name}); it cannot name two products</source>
        <translation>{code} 已属于 {sku}（{name}）；一个编码不能对应两个商品</translation>
    </message>
    <message>
        <source>Order {number} was changed by someone else ({who}); reopen it to see the changes.</source>
        <translation>订单 {number} 已被他人修改（{who}）；请重新打开查看修改内容。</translation>
    </message>
    <message>
        <source>Product {sku} was changed by someone else ({who}); reopen it to see the changes.</source>
        <translation>商品 {sku} 已被他人修改（{who}）；请重新打开查看修改内容。</translation>
    </message>
    <message>
        <source>Product {sku} was changed by someone else; reopen it.</source>
        <translation>商品 {sku} 已被他人修改；请重新打开。</translation>
    </message>
    <message>
        <source>Customer {name} was changed by someone else ({who}); reopen it to see the changes.</source>
        <translation>客户 {name} 已被他人修改（{who}）；请重新打开查看修改内容。</translation>
    </message>
    <message>
        <source>Stock for order {number} changed while it was being allocated; try again.</source>
        <translation>订单 {number} 配货时库存发生了变化；请重试。</translation>
    </message>
    <message>
        <source>Order {number} is on hold for review: approve it to allocate it.</source>
        <translation>订单 {number} 待审核：审核通过后才能配货。</translation>
    </message>
    <message>
        <source>Order {number} is already packed: nothing more goes in the parcel.</source>
        <translation>订单 {number} 已打包完成：包裹里不能再放商品。</translation>
    </message>
    <message>
        <source>WRONG ITEM: {sku} is not in order {number}. Take it out.</source>
        <translation>商品错误：{sku} 不在订单 {number} 中。请取出。</translation>
    </message>
    <message>
        <source>a tracking number is required to ship</source>
        <translation>发货需要填写快递单号</translation>
    </message>
    <message>
        <source>name the carrier of the tracking number</source>
        <translation>请填写该快递单号的快递公司</translation>
    </message>
    <message>
        <source>a refund is an amount above zero</source>
        <translation>退款金额必须大于零</translation>
    </message>
    <message>
        <source>only {left} of the {shipped} shipped can still come back</source>
        <translation>已发货 {shipped} 件中只有 {left} 件还能退回</translation>
    </message>
    <message>
        <source>{user} ({role}) may not {action}: that needs the role {roles}.</source>
        <translation>{user}（{role}）无权执行“{action}”：需要{roles}角色。</translation>
    </message>
    <message>
        <source>{field} is longer than {limit} characters ({found})</source>
        <translation>{field}超过 {limit} 个字符（{found}）</translation>
    </message>
    <message>
        <source>{field} cannot be negative</source>
        <translation>{field}不能为负数</translation>
    </message>
    <message>
        <source>{field} is unrealistically large</source>
        <translation>{field}数值过大</translation>
    </message>
    <message>
        <source>{field} contains invisible text-direction control characters</source>
        <translation>{field}含有不可见的文字方向控制字符</translation>
    </message>
    <message>
        <source>{field} contains control characters</source>
        <translation>{field}含有控制字符</translation>
    </message>
    <message>
        <source>SKU may only contain letters A-Z, digits and . _ / - + #, and must start with a letter or digit</source>
        <translation>商品编码只能包含字母 A-Z、数字和 . _ / - + #，且须以字母或数字开头</translation>
    </message>
    <message>
        <source>another product already has this SKU</source>
        <translation>已有其他商品使用此商品编码</translation>
    </message>
    <message>
        <source>barcode listed twice</source>
        <translation>条码重复填写</translation>
    </message>
    <message>
        <source>barcode already belongs to {sku}</source>
        <translation>条码已属于 {sku}</translation>
    </message>
    <message>
        <source>no product has this parent SKU</source>
        <translation>没有商品使用此父商品编码</translation>
    </message>
    <message>
        <source>a product cannot be its own parent</source>
        <translation>商品不能作为自己的父商品</translation>
    </message>
    <message>
        <source>weight cannot be negative</source>
        <translation>重量不能为负数</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <source> (found: empty)</source>
        <translation>（输入为空）</translation>
    </message>
    <message>
        <source> (found: {found})</source>
        <translation>（输入：{found}）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The shop file on this computer</source>
        <translation>本机上的店铺文件</translation>
    </message>
    <message>
        <source>Another shop file (SQLite)</source>
        <translation>其他店铺文件（SQLite）</translation>
    </message>
    <message>
        <source>A PostgreSQL server, shared by several computers</source>
        <translation>PostgreSQL 服务器（多台电脑共用）</translation>
    </message>
    <message>
        <source>shop.sqlite</source>
        <translation>shop.sqlite</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Open in this window: {file}, named on the command line (--db) or in SHOPDESK_DB. What you choose here is the shop ShopDesk opens when it is started without them.</source>
        <translation>本窗口打开的是：{file}（由命令行 --db 或 SHOPDESK_DB 指定）。这里选择的是不带这些参数启动 ShopDesk 时打开的店铺。</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>A shop file is backed up the first time it is opened each day</source>
        <translation>店铺文件每天第一次打开时自动备份</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <translation>保留的每日备份</translation>
    </message>
    <message>
        <source>Changes take effect the next time ShopDesk starts.</source>
        <translation>更改将在下次启动 ShopDesk 时生效。</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Sales channels</source>
        <translation>销售渠道</translation>
    </message>
    <message>
        <source>After-sales</source>
        <translation>售后设置</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单设置</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存设置</translation>
    </message>
    <message>
        <source>Shop file</source>
        <translation>店铺文件</translation>
    </message>
    <message>
        <source>ShopDesk database (*.sqlite *.db);;All files (*)</source>
        <translation>ShopDesk 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the shop file</source>
        <translation>请选择店铺文件</translation>
    </message>
    <message>
        <source>This folder does not exist</source>
        <translation>此文件夹不存在</translation>
    </message>
    <message>
        <source>Enter a URL starting with postgresql+psycopg://</source>
        <translation>请输入以 postgresql+psycopg:// 开头的地址</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <source>Mark shipped</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Scan or type the tracking number, then Enter</source>
        <translation>扫描或输入快递单号后回车</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message numerus="yes">
        <source>All done: %n order(s) shipped</source>
        <translation>
            <numerusform>完成：已发货 %n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <source>{number} ({n} of {total})</source>
        <translation>{number}（第 {n} / {total} 个）</translation>
    </message>
    <message>
        <source>{number} shipped</source>
        <translation>{number} 已发货</translation>
    </message>
</context>
<context>
    <name>SolutionDialog</name>
    <message>
        <source>Agree a solution</source>
        <translation>确定处理方案</translation>
    </message>
    <message>
        <source>the case&apos;s owner</source>
        <translation>工单负责人</translation>
    </message>
    <message>
        <source>Own deadline (else the case&apos;s due time)</source>
        <translation>单独设定期限（否则为工单处理时限）</translation>
    </message>
    <message>
        <source>e.g. coupon 20 off, courier picks up on Tuesday</source>
        <translation>例如：20 元优惠券、周二上门取件</translation>
    </message>
    <message>
        <source>Solution</source>
        <translation>处理方案</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Day {day} after delivery, outside the {days}-day return window.</source>
        <translation>签收后第 {day} 天，已超出 {days} 天退货期限。</translation>
    </message>
    <message>
        <source>why a return is accepted anyway</source>
        <translation>仍同意退货的原因</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>特批</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split order {number}</source>
        <translation>拆单 {number}</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Split off</source>
        <translation>拆出数量</translation>
    </message>
    <message>
        <source>Why (goes in the timeline), e.g. ship what is in stock now</source>
        <translation>原因（记入时间线），如：有货的先发</translation>
    </message>
    <message>
        <source>How many units of each line go to the new order?</source>
        <translation>每行拆出多少件到新订单？</translation>
    </message>
</context>
<context>
    <name>StartStocktakeDialog</name>
    <message>
        <source>New stocktake</source>
        <translation>新建盘点</translation>
    </message>
    <message>
        <source>Every warehouse</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>Every category</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Blind count: counters do not see the expected quantities</source>
        <translation>盲盘：盘点人员看不到账面数量</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Every zone</source>
        <translation>全部库区</translation>
    </message>
</context>
<context>
    <name>StockColumns</name>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已占用</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Warning line</source>
        <translation>预警线</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>库存金额</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
</context>
<context>
    <name>StockSettingsPage</name>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Average daily sales for reorder suggestions are taken over this many days, from {low} to {high}. A short window follows a trend quickly; a long one evens out seasons and one-off big orders.</source>
        <translation>补货建议按这段天数内的日均销量计算，可设 {low} 到 {high} 天。天数短，能更快跟上趋势；天数长，能平滑季节波动和偶尔的大单。</translation>
    </message>
    <message>
        <source>Reorder suggestions (补货建议)</source>
        <translation>补货建议</translation>
    </message>
    <message>
        <source>Sales looked at</source>
        <translation>统计销量的天数</translation>
    </message>
    <message>
        <source>Allow negative stock (允许负库存)</source>
        <translation>允许负库存</translation>
    </message>
    <message>
        <source>When allowed, goods can be shipped or moved out even when the stock on record is short; the balance goes below zero until the goods are received or counted. When not allowed, such a shipment or move is refused.</source>
        <translation>允许时，即使账面库存不足也能发货或移出，库存会变为负数，直到入库或盘点后恢复。不允许时，这样的发货或移库会被拒绝。</translation>
    </message>
    <message>
        <source>Moving average cost</source>
        <translation>移动加权平均</translation>
    </message>
    <message>
        <source>First in, first out (FIFO)</source>
        <translation>先进先出（FIFO）</translation>
    </message>
    <message>
        <source>The valuation method can only be chosen before the first stock move; after that it is kept, so that all of the shop&apos;s stock is valued one way.</source>
        <translation>库存计价方法只能在第一笔库存变动前选择；之后不可更改，以保证全店库存按同一种方法计价。</translation>
    </message>
    <message>
        <source>Stock on hand</source>
        <translation>在库库存</translation>
    </message>
    <message>
        <source>Negative stock</source>
        <translation>负库存</translation>
    </message>
    <message>
        <source>Stock valuation</source>
        <translation>库存计价</translation>
    </message>
    <message>
        <source>Stock settings belong to the shop: they are saved for every computer and apply at once.</source>
        <translation>库存设置属于整个店铺：保存后所有电脑立即生效。</translation>
    </message>
    <message>
        <source>Only the owner can change the stock settings; you see them as they are.</source>
        <translation>只有店主可以修改库存设置；您只能查看。</translation>
    </message>
    <message>
        <source>Only part of the stock settings was saved; the rest was refused:</source>
        <translation>库存设置只保存了一部分，其余被拒绝：</translation>
    </message>
    <message>
        <source>Only part of the stock settings was saved; the rest was refused: see what is said above.</source>
        <translation>库存设置只保存了一部分，其余被拒绝：请看上面的说明。</translation>
    </message>
    <message>
        <source>The stock settings were not saved:</source>
        <translation>库存设置未保存：</translation>
    </message>
    <message>
        <source>The stock settings were not saved: see what is said above.</source>
        <translation>库存设置未保存：请看上面的说明。</translation>
    </message>
    <message>
        <source>Locked: the valuation method can only be chosen before the first stock move, so that all of the shop&apos;s stock is valued one way; this shop already has stock moves.</source>
        <translation>已锁定：库存计价方法只能在第一笔库存变动前选择，以保证全店库存按同一种方法计价；本店已有库存变动。</translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message>
        <source>Search name, SKU, barcode or pinyin  Ctrl+F</source>
        <translation>搜索名称、编码、条码或拼音  Ctrl+F</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>At or below the warning line</source>
        <translation>低于预警线</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>零库存</translation>
    </message>
    <message>
        <source>Receive…</source>
        <translation>入库…</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>调拨…</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <source>Scrap…</source>
        <translation>报废…</translation>
    </message>
    <message>
        <source>Quarantine…</source>
        <translation>隔离…</translation>
    </message>
    <message>
        <source>Release…</source>
        <translation>解除隔离…</translation>
    </message>
    <message>
        <source>Goods in transit…</source>
        <translation>在途调拨…</translation>
    </message>
    <message>
        <source>Stock levels…</source>
        <translation>库存水位…</translation>
    </message>
    <message>
        <source>Safety stock and warning line of the selected product</source>
        <translation>所选商品的安全库存和预警线</translation>
    </message>
    <message>
        <source>Default bin…</source>
        <translation>默认库位…</translation>
    </message>
    <message>
        <source>Where the selected product is put away and picked by default</source>
        <translation>所选商品默认上架和拣货的库位</translation>
    </message>
    <message>
        <source>Locations…</source>
        <translation>库位管理…</translation>
    </message>
    <message>
        <source>Warehouses, zones and bins, and the order bins are picked in</source>
        <translation>仓库、库区、库位及拣货顺序</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Locations</source>
        <translation>库位分布</translation>
    </message>
    <message>
        <source>Moves (ledger)</source>
        <translation>出入库流水</translation>
    </message>
    <message>
        <source>Stock levels</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stocktake (盘点)</source>
        <translation>库存盘点</translation>
    </message>
    <message>
        <source>Purchase orders (采购单)</source>
        <translation>采购单</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n product(s) at or below the warning line (预警线): show</source>
        <translation>
            <numerusform>⚠ %n 个商品低于预警线：查看</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>共 %n 个商品</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StocktakePage</name>
    <message>
        <source>New stocktake…</source>
        <translation>新建盘点…</translation>
    </message>
    <message>
        <source>Import count sheet…</source>
        <translation>导入盘点表…</translation>
    </message>
    <message>
        <source>Cancel stocktake…</source>
        <translation>取消盘点…</translation>
    </message>
    <message>
        <source>Post differences…</source>
        <translation>过账差异…</translation>
    </message>
    <message>
        <source>How many each scan adds (a carton of 12: type 12, then scan)</source>
        <translation>每次扫码增加的数量（整箱 12 个：先输入 12，再扫码）</translation>
    </message>
    <message>
        <source>Type the count…</source>
        <translation>输入实盘数…</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Not counted yet</source>
        <translation>未盘点</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已盘点</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>有差异</translation>
    </message>
    <message>
        <source>Show expected (supervisor)</source>
        <translation>显示账面数量（主管）</translation>
    </message>
    <message>
        <source>Filter by SKU, name or location</source>
        <translation>按编码、名称或库位筛选</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Each scan adds</source>
        <translation>每次扫码</translation>
    </message>
    <message>
        <source>counting</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Its place on the list</source>
        <translation>按盘点清单</translation>
    </message>
    <message>
        <source>No stocktake yet: start one with New stocktake.</source>
        <translation>还没有盘点：点击“新建盘点”开始。</translation>
    </message>
    <message>
        <source>{counted} of {lines} line(s) counted</source>
        <translation>已盘 {counted} / {lines} 行</translation>
    </message>
    <message>
        <source>; blind count: differences are shown once it is posted</source>
        <translation>；盲盘：过账后才显示差异</translation>
    </message>
    <message>
        <source>; {n} difference(s)</source>
        <translation>；差异 {n} 项</translation>
    </message>
    <message>
        <source>; {n} difference(s): gains {gain}, losses {loss}</source>
        <translation>；{n} 处差异：盘盈 {gain}，盘亏 {loss}</translation>
    </message>
    <message>
        <source>Assign {code} to a product…</source>
        <translation>把 {code} 关联到商品…</translation>
    </message>
    <message>
        <source>{code} is now a barcode of {sku}</source>
        <translation>{code} 已绑定为 {sku} 的条码</translation>
    </message>
    <message>
        <source>Select a line to type its count</source>
        <translation>请先选择一行，再输入实盘数</translation>
    </message>
    <message>
        <source>Counted quantity</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>{number} started: {n} line(s) to count</source>
        <translation>{number} 已开始：共 {n} 行待盘点</translation>
    </message>
    <message>
        <source>Import a count sheet</source>
        <translation>导入盘点表</translation>
    </message>
    <message>
        <source>Count sheets (*.csv *.xlsx *.txt)</source>
        <translation>盘点表 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message numerus="yes">
        <source>Counted %n line(s) from the sheet</source>
        <translation>
            <numerusform>已从盘点表录入 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing the count sheet</source>
        <translation>正在导入盘点表</translation>
    </message>
    <message>
        <source>Cancel stocktake</source>
        <translation>取消盘点</translation>
    </message>
    <message>
        <source>Why is it cancelled?</source>
        <translation>取消原因？</translation>
    </message>
    <message>
        <source>Post {number}</source>
        <translation>过账 {number}</translation>
    </message>
    <message>
        <source>The counts will be compared with the book and the differences written as stock adjustments. A stocktake is posted once.</source>
        <translation>盘点数量将与账面比较，差异记为库存调整。盘点单只能过账一次。</translation>
    </message>
    <message>
        <source>{n} difference(s) will be written as stock adjustments. A stocktake is posted once.</source>
        <translation>{n} 项差异将记为库存调整。盘点单只能过账一次。</translation>
    </message>
    <message>
        <source>{n} difference(s) will be written as stock adjustments: gains {gain}, losses {loss}. A stocktake is posted once.</source>
        <translation>{n} 处差异将写入库存调整：盘盈 {gain}，盘亏 {loss}。盘点单只能过账一次。</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>过账</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) are not counted.</source>
        <translation>
            <numerusform>%n 行未盘点。</numerusform>
        </translation>
    </message>
    <message>
        <source>Post, skip uncounted</source>
        <translation>过账，跳过未盘行</translation>
    </message>
    <message>
        <source>Post, uncounted are 0</source>
        <translation>过账，未盘行按 0 计</translation>
    </message>
    <message>
        <source>{number} posted: {n} line(s) adjusted</source>
        <translation>{number} 已过账：调整 {n} 行</translation>
    </message>
    <message>
        <source>Posting the stocktake</source>
        <translation>正在过账盘点单</translation>
    </message>
</context>
<context>
    <name>SupplierColumns</name>
    <message>
        <source>Supplier code</source>
        <translation>供应商编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>供应商名称</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation>采购周期(天)</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品数</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>采购价</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Supplier SKU</source>
        <translation>供应商货号</translation>
    </message>
    <message>
        <source>Preferred supplier</source>
        <translation>首选供应商</translation>
    </message>
</context>
<context>
    <name>SupplierFormDialog</name>
    <message>
        <source>New supplier</source>
        <translation>新建供应商</translation>
    </message>
    <message>
        <source>Edit supplier</source>
        <translation>编辑供应商</translation>
    </message>
    <message>
        <source>short, e.g. ACME; used on purchase orders</source>
        <translation>简短，例如 ACME；用于采购单</translation>
    </message>
    <message>
        <source>Supplier code</source>
        <translation>供应商编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>供应商名称</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation>采购周期(天)</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>SupplierProblems</name>
    <message>
        <source>Enter a supplier code</source>
        <translation>请输入供应商编码</translation>
    </message>
    <message>
        <source>Another supplier has this code</source>
        <translation>已有其他供应商使用此编码</translation>
    </message>
    <message>
        <source>A supplier code is up to 32 characters, without spaces</source>
        <translation>供应商编码最多 32 个字符，不能有空格</translation>
    </message>
    <message>
        <source>An email address has an @</source>
        <translation>邮箱地址需包含 @</translation>
    </message>
    <message>
        <source>A currency is a three-letter code like CNY</source>
        <translation>币种为三个字母的代码，例如 CNY</translation>
    </message>
    <message>
        <source>The lead time cannot be negative</source>
        <translation>采购周期不能为负数</translation>
    </message>
    <message>
        <source>The lead time is at most 365 days</source>
        <translation>采购周期最多 365 天</translation>
    </message>
    <message>
        <source>Enter the lead time in whole days</source>
        <translation>采购周期请填写整数天</translation>
    </message>
    <message>
        <source>No product has this SKU or barcode</source>
        <translation>没有商品使用此编码或条码</translation>
    </message>
    <message>
        <source>This supplier is archived</source>
        <translation>此供应商已归档</translation>
    </message>
</context>
<context>
    <name>SuppliersDialog</name>
    <message>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Search code, name, contact or phone</source>
        <translation>搜索编码、名称、联系人或电话</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Link product…</source>
        <translation>关联商品…</translation>
    </message>
    <message>
        <source>Change terms…</source>
        <translation>修改供货条件…</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <source>Only a role that buys from suppliers may change them</source>
        <translation>只有负责采购的角色可以修改供应商</translation>
    </message>
    <message>
        <source>Select a supplier to see the products it supplies</source>
        <translation>选择一个供应商，查看它供应的商品</translation>
    </message>
    <message numerus="yes">
        <source>{code} supplies %n product(s)</source>
        <translation>
            <numerusform>{code} 供应 %n 种商品</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Unlink product</source>
        <translation>取消关联商品</translation>
    </message>
    <message>
        <source>{code} no longer supplies {sku}?</source>
        <translation>{code} 不再供应 {sku}？</translation>
    </message>
</context>
<context>
    <name>SyncChannels</name>
    <message>
        <source>WooCommerce</source>
        <translation>WooCommerce</translation>
    </message>
    <message>
        <source>Shopify</source>
        <translation>Shopify</translation>
    </message>
    <message>
        <source>Give the store&apos;s address like https://shop.example.com</source>
        <translation>请按 https://shop.example.com 的格式填写店铺网址</translation>
    </message>
    <message>
        <source>The keys would be sent unencrypted over http://, where anyone on the way can read them; use the store&apos;s https:// address (plain http is only accepted for localhost)</source>
        <translation>通过 http:// 发送的密钥未加密，途中任何人都能读取；请使用店铺的 https:// 地址（仅 localhost 允许 http）</translation>
    </message>
    <message>
        <source>Enter the store&apos;s API key</source>
        <translation>请填写店铺的 API 密钥</translation>
    </message>
    <message>
        <source>A channel name is 1 to 32 letters, digits and . _ -</source>
        <translation>渠道名称为 1 到 32 个字母、数字或 . _ -</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Stock levels</source>
        <translation>库存数量</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Pull orders</source>
        <translation>拉取订单</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Will retry</source>
        <translation>将重试</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Reading the sales channels</source>
        <translation>正在读取销售渠道</translation>
    </message>
    <message>
        <source>Syncing with the online stores</source>
        <translation>正在与网店同步</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sales channels: click to see them</source>
        <translation>销售渠道：点击查看</translation>
    </message>
    <message>
        <source>Scheduled sync is off.</source>
        <translation>定时同步已关闭。</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>同步中…</translation>
    </message>
    <message>
        <source>Sync: 1 problem</source>
        <translation>同步：1 个问题</translation>
    </message>
    <message>
        <source>Sync: {count} problems</source>
        <translation>同步：{count} 个问题</translation>
    </message>
    <message>
        <source>Sync: not yet</source>
        <translation>同步：尚未同步</translation>
    </message>
    <message>
        <source>Sync: just now</source>
        <translation>同步：刚刚</translation>
    </message>
    <message>
        <source>Sync: {minutes} min ago</source>
        <translation>同步：{minutes} 分钟前</translation>
    </message>
    <message>
        <source>Sync: {time}</source>
        <translation>同步：{time}</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TransitColumns</name>
    <message>
        <source>Transfer</source>
        <translation>调拨单</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>From</source>
        <translation>调出库位</translation>
    </message>
    <message>
        <source>To</source>
        <translation>调入库位</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发出时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>TransitDialog</name>
    <message>
        <source>Goods in transit (在途)</source>
        <translation>在途调拨</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Nothing is in transit.</source>
        <translation>没有在途的货物。</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>收入库位</translation>
    </message>
    <message>
        <source>{path} (as sent)</source>
        <translation>{path}（发出时指定）</translation>
    </message>
    <message>
        <source>TR-{id}: {qty} × {sku} arrived at {path}</source>
        <translation>TR-{id}：{qty} × {sku} 已到达 {path}</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>piece</source>
        <translation>件</translation>
    </message>
    <message>
        <source>g</source>
        <translation>克</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>千克</translation>
    </message>
    <message>
        <source>ml</source>
        <translation>毫升</translation>
    </message>
    <message>
        <source>l</source>
        <translation>升</translation>
    </message>
    <message>
        <source>m</source>
        <translation>米</translation>
    </message>
    <message>
        <source>pair</source>
        <translation>双</translation>
    </message>
    <message>
        <source>set</source>
        <translation>套</translation>
    </message>
    <message>
        <source>box</source>
        <translation>盒</translation>
    </message>
</context>
<context>
    <name>UnmatchedDialog</name>
    <message>
        <source>Unmatched SKUs</source>
        <translation>未匹配商品</translation>
    </message>
    <message>
        <source>Orders naming these channel SKUs wait. Link each to one of our products once: the link is kept for that channel and the waiting orders are created.</source>
        <translation>含有这些渠道商品编码的订单正在等待。把每个编码关联到本店的一个商品（只需一次）：该渠道会记住这个关联，等待中的订单随即创建。</translation>
    </message>
    <message>
        <source>Link to product</source>
        <translation>关联商品</translation>
    </message>
    <message>
        <source>Linking SKUs needs a role that edits the catalogue</source>
        <translation>关联商品需要可以编辑商品资料的角色</translation>
    </message>
    <message>
        <source>Our product</source>
        <translation>本店商品</translation>
    </message>
    <message>
        <source>Linked {code} ({channel}) to {sku}.</source>
        <translation>已将 {code}（{channel}）关联到 {sku}。</translation>
    </message>
    <message>
        <source>Orders created: {numbers}.</source>
        <translation>已创建订单：{numbers}。</translation>
    </message>
    <message>
        <source>Still waiting for other links: {numbers}.</source>
        <translation>仍在等待其他关联：{numbers}。</translation>
    </message>
    <message>
        <source>Linking {code}</source>
        <translation>正在关联 {code}</translation>
    </message>
</context>
<context>
    <name>UnmatchedModel</name>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Channel SKU</source>
        <translation>渠道商品编码</translation>
    </message>
    <message>
        <source>Product name on the channel</source>
        <translation>渠道商品名称</translation>
    </message>
    <message>
        <source>Orders waiting</source>
        <translation>等待的订单</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>New PIN for {name}</source>
        <translation>{name} 的新 PIN</translation>
    </message>
    <message>
        <source>PIN or password</source>
        <translation>PIN 或密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输一次</translation>
    </message>
    <message>
        <source>The first user is an owner. Once you add them, ShopDesk asks for a name and PIN every time it starts.</source>
        <translation>第一个用户是店主。添加后，ShopDesk 每次启动都会要求输入姓名和 PIN。</translation>
    </message>
    <message>
        <source>Enter a name</source>
        <translation>请填写姓名</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <source>Warehouse staff</source>
        <translation>仓库人员</translation>
    </message>
    <message>
        <source>Accountant</source>
        <translation>会计</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>At least {n} characters</source>
        <translation>至少 {n} 个字符</translation>
    </message>
    <message>
        <source>The two entries differ; type the same PIN twice</source>
        <translation>两次输入不一致；请输入相同的 PIN</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Change PIN…</source>
        <translation>修改 PIN…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>修改角色…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Logins are on: ShopDesk asks for a name and PIN when it starts, and each person works in their role. The last owner cannot be deactivated while others can log in.</source>
        <translation>已启用登录：ShopDesk 启动时要求输入姓名和 PIN，每个人按自己的角色工作。其他人还能登录时，最后一位店主不能停用。</translation>
    </message>
    <message>
        <source>Logins are off: ShopDesk opens without asking, and whoever uses it acts as the owner. Add the first user — an owner — to switch logins on; then add the others (warehouse staff, accountant, customer service), each with their own PIN.</source>
        <translation>未启用登录：ShopDesk 打开时不询问身份，使用者即为店主。添加第一个用户（店主）即可启用登录；然后再添加其他人（仓库人员、会计、客服），每人有自己的 PIN。</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Role of {name}:</source>
        <translation>{name} 的角色：</translation>
    </message>
    <message>
        <source>Deactivate {name}? They can no longer log in; their name stays in the audit log.</source>
        <translation>停用 {name}？停用后无法登录；其姓名仍保留在审计日志中。</translation>
    </message>
    <message>
        <source>Deactivate {name}, the last user? That switches logins off: ShopDesk then opens without asking.</source>
        <translation>停用最后一个用户 {name}？这会关闭登录：之后 ShopDesk 打开时不再询问身份。</translation>
    </message>
</context>
<context>
    <name>WaybillDialog</name>
    <message>
        <source>Waybill for {number}</source>
        <translation>录入面单：{number}</translation>
    </message>
    <message>
        <source>e.g. 标快</source>
        <translation>例如 标快</translation>
    </message>
    <message>
        <source>Scan or type the waybill number</source>
        <translation>扫描或输入面单号</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务类型</translation>
    </message>
    <message>
        <source>Waybill number</source>
        <translation>面单号</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to ShopDesk</source>
        <translation>欢迎使用 ShopDesk</translation>
    </message>
    <message>
        <source>There is no shop on this computer yet. How would you like to start?</source>
        <translation>这台电脑上还没有店铺。您想怎样开始？</translation>
    </message>
    <message>
        <source>Create a new shop</source>
        <translation>新建店铺</translation>
    </message>
    <message>
        <source>Open the demo shop, to look around first</source>
        <translation>打开演示店铺，先看看</translation>
    </message>
    <message>
        <source>Connect to my shop&apos;s PostgreSQL server</source>
        <translation>连接我店铺的 PostgreSQL 服务器</translation>
    </message>
    <message>
        <source>Create the shop</source>
        <translation>创建店铺</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>e.g. Lanlan&apos;s Tea House</source>
        <translation>例如：兰兰茶舍</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Printed as the sender on shipping labels</source>
        <translation>作为寄件人打印在快递面单上</translation>
    </message>
    <message>
        <source>Moving average cost</source>
        <translation>移动加权平均</translation>
    </message>
    <message>
        <source>First in, first out (FIFO)</source>
        <translation>先进先出（FIFO）</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>寄件地址</translation>
    </message>
    <message>
        <source>Stock valuation</source>
        <translation>库存计价</translation>
    </message>
    <message>
        <source>The shop is kept in {path}</source>
        <translation>店铺数据保存在 {path}</translation>
    </message>
    <message>
        <source>A made-up shop with products, stock, customers and three months of orders and after-sales cases, kept apart from your own shop in {path}. Choose Settings → Database later to start your own shop.</source>
        <translation>一个虚构的店铺，有商品、库存、客户以及三个月的订单和售后工单，与您自己的店铺分开保存在 {path}。以后可在 设置 → 数据库 中开始您自己的店铺。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>打开演示店铺</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Enter the shop&apos;s name</source>
        <translation>请输入店铺名称</translation>
    </message>
    <message>
        <source>Creating the shop</source>
        <translation>正在创建店铺</translation>
    </message>
    <message>
        <source>Building the demo shop</source>
        <translation>正在生成演示店铺</translation>
    </message>
    <message>
        <source>Enter a URL starting with postgresql+psycopg://</source>
        <translation>请输入以 postgresql+psycopg:// 开头的地址</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected: the server answers.</source>
        <translation>已连接：服务器有响应。</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>正在测试连接</translation>
    </message>
    <message>
        <source>Connecting to the server</source>
        <translation>正在连接服务器</translation>
    </message>
</context>
</TS>
