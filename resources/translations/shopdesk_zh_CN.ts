<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>ShopDesk ran into a problem</source>
        <translation>ShopDesk 遇到问题</translation>
    </message>
    <message>
        <source>Something went wrong that ShopDesk did not expect. Your data is safe: the action that failed was not saved.
The details below were written to the log. Copy them and send them to whoever looks after your ShopDesk.</source>
        <translation>出现了 ShopDesk 未预料到的错误。您的数据是安全的：失败的操作没有保存。
以下详细信息已写入日志。请复制后发送给负责维护 ShopDesk 的人员。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
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
    <name>Problems</name>
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
        <source>{field} is required</source>
        <translation>{field}为必填项</translation>
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
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Changes take effect the next time ShopDesk starts.</source>
        <translation>更改将在下次启动 ShopDesk 时生效。</translation>
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
</TS>
