"""The words of the workbooks, in English and Simplified Chinese (the terms of SEEDS-DIGEST.md).

Workbooks are written in the app's language: `term("net_sales", "zh_CN")` is 净销售额.
Chinese sheet names are short, because Excel allows 31 characters.
"""

from __future__ import annotations

ENGLISH = "en"
CHINESE = "zh_CN"

TERMS: dict[str, tuple[str, str]] = {
    # Sheets
    "sheet_summary": ("Summary", "汇总"),
    "sheet_sales": ("Sales", "销售明细"),
    "sheet_refunds": ("Refunds and returns", "退款与退货"),
    "sheet_purchases": ("Purchases and receipts", "采购入库"),
    "sheet_moves": ("Stock movements", "库存变动"),
    "sheet_valuation": ("Stock valuation", "库存估值"),
    "sheet_locations": ("Stock by location", "库位库存"),
    "sheet_channels": ("Channels", "渠道贡献"),
    "sheet_complaints": ("Complaints", "投诉汇总"),
    "sheet_stock_on_hand": ("Stock on hand", "库存现状"),
    "sheet_low_stock": ("Low stock", "低库存预警"),
    "sheet_reorder": ("Reorder suggestions", "补货建议"),
    "sheet_abc": ("ABC analysis", "ABC分类"),
    "sheet_turnover_sku": ("Turnover by SKU", "库存周转率-SKU"),
    "sheet_turnover_category": ("Turnover by category", "库存周转率-分类"),
    "sheet_movers": ("Slow movers and dead stock", "滞销与呆滞库存"),
    "sheet_segments": ("Customer segments", "客户分层"),
    "sheet_customers": ("Customers", "客户明细"),
    "sheet_repurchase": ("Repurchase rate", "复购率"),
    "sheet_returns_sku": ("Returns per SKU", "退货率-SKU"),
    "sheet_sales_by": ("Sales by {by}", "销售-按{by}"),
    # Figures of the Summary
    "figure": ("Figure", "指标"),
    "value": ("Value", "数值"),
    "amount": ("Value", "金额"),
    "month": ("Month", "月份"),
    "period": ("Period", "期间"),
    "currency": ("Currency", "币种"),
    "month_to_date": ("Month to date, as of", "本月截至"),
    "gross_sales": ("Gross sales", "销售总额"),
    "discounts": ("Discounts", "折扣"),
    "goods_sales": ("Goods sales (after discounts)", "商品销售额(折后)"),
    "tax_included": ("Tax included", "含税额"),
    "refunds": ("Refunds", "退款"),
    "net_sales": ("Net sales", "净销售额"),
    "shipping_income": ("Shipping income", "运费收入"),
    "platform_fees": ("Platform fees", "平台费用"),
    "cost_shipped": ("Cost of goods shipped", "发货成本"),
    "cost_returned": ("Cost of goods returned", "退货成本"),
    "cost_of_goods": ("Cost of goods sold", "销售成本"),
    "margin_on_sales": ("Margin on sales (before refunds and returns)", "销售毛利(退款退货前)"),
    "gross_margin": ("Gross margin", "毛利"),
    "gross_margin_after": ("Gross margin (after refunds and returns)", "毛利(扣除退款退货后)"),
    "margin_rate": ("Gross margin %", "毛利率"),
    "contribution": ("Contribution (margin + shipping − fees)", "渠道贡献(毛利+运费−平台费)"),
    "orders": ("Orders", "订单数"),
    "units": ("Units shipped", "发货件数"),
    "aov": ("Average order value", "客单价"),
    "buyers": ("Buyers", "购买客户数"),
    "repeat_buyers": ("Buyers with 2+ orders", "复购客户数"),
    "repurchase_rate": ("Repurchase rate", "复购率"),
    "returned_units": ("Units returned", "退货件数"),
    "return_rate": ("Return rate", "退货率"),
    "complaints": ("Complaints opened", "新增投诉"),
    "stock_opening": ("Stock value at opening", "期初库存金额"),
    "stock_closing": ("Stock value at closing", "期末库存金额"),
    "stock_received": ("Received (purchases, opening balances)", "采购入库"),
    "stock_shipped": ("Shipped (cost of goods)", "销售出库(成本)"),
    "stock_customer_returns": ("Customer returns back in stock", "客户退货入库"),
    "stock_adjustments": ("Stocktake adjustments", "盘点调整"),
    "stock_scrapped": ("Scrapped", "报废"),
    "stock_to_supplier": ("Returned to supplier", "退回供应商"),
    "stock_other": ("Other", "其他"),
    "turnover": ("Inventory turnover", "库存周转率"),
    "days_of_inventory": ("Days of inventory", "库存周转天数"),
    "sales_by_day": ("Sales by day", "每日销售"),
    "empty_month": ("No sales, refunds or stock movements in this month.", "本月没有销售、退款或库存变动。"),
    "definitions": (
        "Sales count when an order ships; net sales = goods sales − refunds; cost of goods sold = cost shipped − "
        "cost returned; margin on sales = goods sales − cost shipped (the Sales sheet's Margin total); gross margin "
        "= net sales − cost of goods sold = margin on sales − refunds + cost returned.",
        "订单发货时计入销售;净销售额 = 商品销售额 − 退款;销售成本 = 发货成本 − 退货成本;销售毛利 = 商品销售额 − "
        "发货成本(即销售明细的毛利合计);毛利 = 净销售额 − 销售成本 = 销售毛利 − 退款 + 退货成本。",
    ),
    "total": ("Total", "合计"),
    "total_before_refunds": ("Total (before refunds and returns)", "合计(退款退货前)"),
    # Columns
    "date": ("Date", "日期"),
    "time": ("Time", "时间"),
    "shipped": ("Shipped", "发货日期"),
    "order": ("Order", "订单号"),
    "channel": ("Channel", "渠道"),
    "customer": ("Customer", "客户"),
    "sku": ("SKU", "SKU"),
    "name": ("Name", "商品名称"),
    "category": ("Category", "分类"),
    "quantity": ("Quantity", "数量"),
    "unit_price": ("Unit price", "单价"),
    "gross": ("Gross", "金额"),
    "discount": ("Discount", "折扣"),
    "tax": ("Tax", "税额"),
    "net": ("Net", "净额"),
    "cost": ("Cost of goods", "成本"),
    "margin": ("Margin", "毛利"),
    "type": ("Type", "类型"),
    "case": ("Case", "工单"),
    "refund": ("Refund", "退款金额"),
    "returned_cost": ("Back in stock at cost", "退货入库成本"),
    "note": ("Note", "备注"),
    "purchase_order": ("Purchase order", "采购单"),
    "supplier": ("Supplier", "供应商"),
    "location": ("Location", "库位"),
    "unit_cost": ("Unit cost", "单位成本"),
    "kind": ("Kind", "类型"),
    "from": ("From", "从"),
    "to": ("To", "到"),
    "stock_effect": ("Stock value change", "库存金额变动"),
    "source": ("Document", "单据"),
    "user": ("User", "操作人"),
    "reason": ("Reason", "原因"),
    "opening_qty": ("Opening qty", "期初数量"),
    "opening_value": ("Opening value", "期初金额"),
    "closing_qty": ("Closing qty", "期末数量"),
    "closing_value": ("Closing value", "期末金额"),
    "received": ("Received", "入库"),
    "shipped_cost": ("Shipped (cost)", "销售出库"),
    "customer_returns": ("Customer returns", "客户退货"),
    "adjustments": ("Adjustments", "盘点调整"),
    "scrapped": ("Scrapped", "报废"),
    "to_supplier": ("To supplier", "退供应商"),
    "other": ("Other", "其他"),
    "share": ("Share", "占比"),
    "cumulative": ("Cumulative", "累计占比"),
    "class": ("Class", "类别"),
    "sub_reason": ("Sub-reason", "原因"),
    "cases": ("Cases", "工单数"),
    "sold": ("Sold", "销量"),
    "returned": ("Returned", "退货"),
    # Units on product-quality complaints opened in the period, returned or not (a refund-only case counts):
    # services/aftersales_analysis.py's SkuReturns.defective, so it can be more than Returned.
    "defective": ("Units with a quality complaint", "质量投诉件数"),
    "defect_rate": ("Quality complaint rate", "质量投诉率"),
    "defective_note": (
        "Units on product-quality complaints opened in the period, whether or not they came back (a refund without "
        "a return counts), so it can be more than Returned. The rate is of the units sold (shipped) in the period.",
        "本期新增产品质量投诉涉及的件数,不论是否退回(仅退款也计入),因此可能大于退货件数。比率按本期销量(发货件数)计算。",
    ),
    "returned_note": (
        "Units back (or lost on the way back) in the period. The rate is of the units sold (shipped) in the period.",
        "本期退回(或退回途中丢失)的件数。比率按本期销量(发货件数)计算。",
    ),
    "margin_note": (
        "Net − cost of goods, before refunds and returns (they are on the Refunds and returns sheet); the Summary's "
        "gross margin = this total − refunds + cost returned.",
        "净额 − 成本,未扣除退款和退货(见退款与退货表);汇总表的毛利 = 本列合计 − 退款 + 退货成本。",
    ),
    "high_return": ("High-return warning", "高频退货预警"),
    "yes": ("yes", "是"),
    "warehouse": ("Warehouse", "仓库"),
    "available": ("Available", "可用"),
    "warning_line": ("Warning line", "预警线"),
    "safety_stock": ("Safety stock", "安全库存"),
    "daily_sales": ("Daily sales", "日均销量"),
    "on_order": ("On order", "在途"),
    "reorder_point": ("Reorder point", "补货点"),
    "suggested": ("Suggested", "建议采购"),
    "lead_time": ("Lead time (days)", "采购周期(天)"),
    "on_hand": ("On hand", "库存数量"),
    "stock_value": ("Stock value", "库存金额"),
    "first_in": ("First in stock", "首次入库"),
    "last_sold": ("Last sold", "最近售出"),
    "sold_in_window": ("Sold in window", "期间销量"),
    "days_of_cover": ("Days of cover", "可售天数"),
    "status": ("Status", "状态"),
    "status_dead": ("dead stock", "呆滞"),
    "status_slow": ("slow mover", "滞销"),
    "status_ok": ("moving", "正常"),
    "segment": ("Segment", "客户分层"),
    "customers": ("Customers", "客户数"),
    "phone": ("Phone", "电话"),
    "region": ("Region", "地区"),
    "first_order": ("First order", "首次购买"),
    "last_order": ("Last order", "最近购买"),
    "spent": ("Spent", "消费金额"),
    "recency_days": ("Days since last order", "距上次购买天数"),
    "r_score": ("R", "R"),
    "f_score": ("F", "F"),
    "m_score": ("M", "M"),
    "high_value": ("High value", "高价值客户"),
    "segment_new": ("new", "新客户"),
    "segment_active": ("active", "活跃"),
    "segment_sleeping": ("sleeping", "沉睡"),
    "segment_lost": ("lost", "流失"),
    "segment_none": ("never bought", "未购买"),
    "segments_note": (
        "Orders and spent count purchases that are paid or shipped (not drafts, cancelled or unpaid orders still "
        "waiting), spent less refunds; never bought: customers without such a purchase, as on the Customers tab.",
        "订单数与消费金额只计已付款或已发货的订单(不含草稿、已取消及未付款待处理订单),消费金额扣除退款;"
        "未购买:没有此类订单的客户,与客户页一致。",
    ),
    "returning_buyers": ("Buyers who bought before", "老客户数"),
    "refund_kind": ("refund", "退款"),
    "return_restock": ("returned to stock", "退货入库"),
    "return_quarantine": ("returned to quarantine", "退货隔离"),
    "return_scrap": ("returned, scrapped", "退货报废"),
    "return_supplier": ("returned, back to supplier", "退货退回供应商"),
    "return_lost": ("return lost", "退货丢失"),
    "key": ("Group", "分组"),
    "by_channel": ("channel", "渠道"),
    "by_category": ("category", "分类"),
    "by_product": ("product", "商品"),
    "by_day": ("day", "日"),
    "by_week": ("week", "周"),
    "by_month": ("month", "月"),
    "as_of": ("As of", "截至"),
    "as_of_end": ("As of the end of {day}", "截至 {day} 日终"),
    "thresholds": ("Thresholds (A/B/C %)", "分类阈值(A/B/C %)"),
    "basis": ("By", "依据"),
    "basis_revenue": ("revenue", "销售额"),
    "basis_margin": ("margin", "毛利"),
    "overdue_now": ("Overdue cases", "超时工单"),
    "satisfaction": ("Satisfaction (1–5)", "满意度(1–5)"),
}

MOVE_KINDS: dict[str, tuple[str, str]] = {
    "receipt": ("receipt", "采购入库"),
    "opening": ("opening balance", "期初"),
    "transfer": ("transfer", "移库"),
    "transit_out": ("sent to warehouse", "调拨出库"),
    "transit_in": ("received from warehouse", "调拨入库"),
    "adjustment": ("stocktake adjustment", "盘点调整"),
    "scrap": ("scrap", "报废"),
    "quarantine": ("quarantine", "隔离"),
    "release": ("release", "解除隔离"),
    "shipment": ("shipment", "销售出库"),
    "return": ("return", "退货"),
}

# Sales channels as the app names them (ui/orders/labels.py CHANNEL and its zh_CN translations):
# tests/ui/test_channel_names.py keeps the two the same.
CHANNELS: dict[str, tuple[str, str]] = {
    "manual": ("Manual", "手工单"),
    "phone": ("Phone", "电话"),
    "counter": ("Counter", "门店"),
    "pickup": ("Pick-up", "自提"),
    "taobao": ("Taobao", "淘宝"),
    "pinduoduo": ("Pinduoduo", "拼多多"),
    "jd": ("JD", "京东"),
    "douyin": ("Douyin", "抖音"),
    "wechat": ("WeChat", "微信"),
    "website": ("Own website", "官网"),
    "woocommerce": ("WooCommerce", "WooCommerce"),
    "shopify": ("Shopify", "Shopify"),
    "aftersales": ("After-sales", "售后"),
}

CASE_CLASSES: dict[str, tuple[str, str]] = {
    "quality": ("product quality", "产品质量"),
    "service": ("service attitude", "服务态度"),
    "logistics": ("logistics", "物流"),
    "other": ("other", "其他"),
}


def is_chinese(language: str) -> bool:
    return language.replace("-", "_").lower().startswith("zh")


def term(key: str, language: str) -> str:
    english, chinese = TERMS[key]
    return chinese if is_chinese(language) else english


def move_kind(kind: str, language: str) -> str:
    pair = MOVE_KINDS.get(kind)
    return (pair[1] if is_chinese(language) else pair[0]) if pair else kind


def channel(code: str, language: str) -> str:
    """The name of a sales channel ("taobao" is Taobao, 淘宝); an unknown channel as it is stored."""
    pair = CHANNELS.get(code)
    return (pair[1] if is_chinese(language) else pair[0]) if pair else code


def case_class(name: str, language: str) -> str:
    pair = CASE_CLASSES.get(name)
    return (pair[1] if is_chinese(language) else pair[0]) if pair else name


def check_language(language: str) -> str:
    """ "en" or "zh_CN" (also accepts zh, zh-CN); anything else is refused."""
    from shopdesk.domain.errors import Problem, ValidationFailed

    if is_chinese(language):
        return CHINESE
    if language.lower().startswith("en"):
        return ENGLISH
    raise ValidationFailed([Problem("language", "en or zh_CN", language)], "Unknown report language")
