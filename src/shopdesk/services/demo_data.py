"""What the demo shop sells and who it buys from and sells to: the word lists behind `shopdesk demo`.

Plain data, no logic: services/demo.py draws from it with a seeded random
generator. Names are Chinese with an English second name; every company,
street and person here is made up.
"""

from __future__ import annotations

from dataclasses import dataclass

# Variant options: (code used in the SKU, label shown to people).
Option = tuple[str, str]


@dataclass(frozen=True)
class Axis:
    """One way the styles of a family come in several SKUs (size, colour, phone model...)."""

    options: tuple[Option, ...]
    pick: tuple[int, int]  # how many options one style offers (min, max)
    consecutive: bool = False  # sizes come as a run (S-M-L), colours as any subset
    english: tuple[str, ...] = ()  # English label per option, for the variant's second name
    weight_step_g: int = 0  # each larger option weighs this much more
    price_step_yuan: int = 0  # ... and costs this much more


@dataclass(frozen=True)
class Family:
    """A product line in one leaf category, e.g. the T-shirts."""

    category: str  # "服装/上衣/T恤"
    prefix: str  # SKU prefix: TS-1001-BLK-M
    bases: tuple[tuple[str, str], ...]  # (Chinese name, English name)
    styles: tuple[tuple[str, str], ...]  # modifiers put in front of a base name
    price_yuan: tuple[int, int]
    weight_g: tuple[int, int]
    supplier: str  # code of the usual supplier
    share: int  # how often the family appears, relative to the others
    axes: tuple[Axis, ...] = ()
    variant_share: float = 1.0  # chance that a style of the family comes in variants at all
    description: str = ""
    unit: str = "piece"


COLOURS: dict[str, tuple[str, str]] = {
    "BLK": ("黑色", "Black"),
    "WHT": ("白色", "White"),
    "RED": ("红色", "Red"),
    "BLU": ("蓝色", "Blue"),
    "GRY": ("灰色", "Grey"),
    "NVY": ("藏青色", "Navy"),
    "PNK": ("粉色", "Pink"),
    "GRN": ("绿色", "Green"),
    "BEI": ("米色", "Beige"),
    "KHA": ("卡其色", "Khaki"),
    "YEL": ("黄色", "Yellow"),
    "PUR": ("紫色", "Purple"),
}


def colours(*codes: str, pick: tuple[int, int] = (1, 3)) -> Axis:
    return Axis(
        options=tuple((c, COLOURS[c][0]) for c in codes),
        pick=pick,
        english=tuple(COLOURS[c][1] for c in codes),
    )


def sizes(*labels: str, pick: tuple[int, int] = (3, 4), step: int = 10) -> Axis:
    return Axis(
        options=tuple((s, s) for s in labels),
        pick=pick,
        consecutive=True,
        english=labels,
        weight_step_g=step,
    )


LETTER_SIZES = sizes("S", "M", "L", "XL", "XXL", pick=(3, 4))
WAIST_SIZES = sizes("28", "29", "30", "31", "32", "33", "34", "36", pick=(4, 5))
SHOE_SIZES = sizes("35", "36", "37", "38", "39", "40", "41", "42", "43", "44", pick=(4, 6))
PHONE_MODELS = Axis(
    options=(
        ("IP15", "iPhone 15"),
        ("IP15P", "iPhone 15 Pro"),
        ("IP16", "iPhone 16"),
        ("IP16P", "iPhone 16 Pro"),
        ("IP16PM", "iPhone 16 Pro Max"),
        ("MATE60", "华为 Mate 60"),
        ("P70", "华为 P70"),
        ("MI14", "小米 14"),
        ("RN13", "红米 Note 13"),
    ),
    pick=(2, 5),
    english=(
        "iPhone 15",
        "iPhone 15 Pro",
        "iPhone 16",
        "iPhone 16 Pro",
        "iPhone 16 Pro Max",
        "Huawei Mate 60",
        "Huawei P70",
        "Xiaomi 14",
        "Redmi Note 13",
    ),
)
BOX_SIZES = Axis(
    options=(("S", "小号"), ("M", "中号"), ("L", "大号")),
    pick=(2, 3),
    consecutive=True,
    english=("Small", "Medium", "Large"),
    weight_step_g=120,
    price_step_yuan=10,
)
NOTEBOOK_SIZES = Axis(
    options=(("A6", "A6"), ("A5", "A5"), ("B5", "B5")),
    pick=(2, 3),
    consecutive=True,
    english=("A6", "A5", "B5"),
    weight_step_g=80,
    price_step_yuan=3,
)
CABLE_LENGTHS = Axis(
    options=(("1M", "1米"), ("1.5M", "1.5米"), ("2M", "2米")),
    pick=(2, 3),
    consecutive=True,
    english=("1 m", "1.5 m", "2 m"),
    weight_step_g=15,
    price_step_yuan=5,
)
LIPSTICK_SHADES = Axis(
    options=(
        ("01", "#01 正红"),
        ("02", "#02 豆沙"),
        ("03", "#03 枫叶红"),
        ("04", "#04 奶茶"),
        ("05", "#05 珊瑚橘"),
        ("06", "#06 玫瑰"),
    ),
    pick=(2, 5),
    english=(
        "#01 True red",
        "#02 Rosewood",
        "#03 Maple red",
        "#04 Milk tea",
        "#05 Coral",
        "#06 Rose",
    ),
)

CLOTHING_STYLES = (
    ("", ""),
    ("宽松", "loose-fit"),
    ("修身", "slim-fit"),
    ("复古", "vintage"),
    ("简约", "minimalist"),
    ("男士", "men's"),
    ("女士", "women's"),
    ("情侣款", "matching couples'"),
    ("韩版", "Korean-style"),
    ("春夏新款", "new season"),
)

FAMILIES: tuple[Family, ...] = (
    # 服装 ---------------------------------------------------------------------------
    Family(
        "服装/上衣/T恤",
        "TS",
        (
            ("纯棉短袖T恤", "cotton short-sleeve T-shirt"),
            ("圆领短袖T恤", "crew-neck short-sleeve T-shirt"),
            ("V领短袖T恤", "V-neck short-sleeve T-shirt"),
            ("纯棉长袖T恤", "cotton long-sleeve T-shirt"),
            ("重磅纯棉T恤", "heavyweight cotton T-shirt"),
            ("莫代尔打底T恤", "modal base-layer T-shirt"),
            ("印花短袖T恤", "printed short-sleeve T-shirt"),
            ("条纹短袖T恤", "striped short-sleeve T-shirt"),
        ),
        CLOTHING_STYLES,
        (39, 129),
        (150, 260),
        "SUP01",
        14,
        (colours("BLK", "WHT", "RED", "BLU", "GRY", "NVY"), LETTER_SIZES),
        description="面料：100%棉，亲肤透气；可机洗，建议反面洗涤。",
    ),
    Family(
        "服装/上衣/卫衣",
        "HD",
        (
            ("连帽卫衣", "hoodie"),
            ("圆领卫衣", "crew-neck sweatshirt"),
            ("加绒连帽卫衣", "fleece-lined hoodie"),
            ("拉链开衫卫衣", "zip-up hoodie"),
        ),
        CLOTHING_STYLES,
        (99, 259),
        (420, 720),
        "SUP01",
        9,
        (colours("BLK", "GRY", "NVY", "BEI", "GRN"), LETTER_SIZES),
        description="面料：棉/聚酯纤维混纺，内里柔软；袖口罗纹收口。",
    ),
    Family(
        "服装/上衣/衬衫",
        "SH",
        (
            ("牛津纺衬衫", "oxford shirt"),
            ("纯棉长袖衬衫", "cotton long-sleeve shirt"),
            ("亚麻短袖衬衫", "linen short-sleeve shirt"),
            ("格子衬衫", "check shirt"),
        ),
        CLOTHING_STYLES,
        (79, 199),
        (200, 320),
        "SUP01",
        7,
        (colours("WHT", "BLU", "PNK", "KHA"), LETTER_SIZES),
        description="免烫处理，版型挺括；领口、袖口加固车线。",
    ),
    Family(
        "服装/裙装/连衣裙",
        "DR",
        (
            ("碎花连衣裙", "floral dress"),
            ("法式茶歇连衣裙", "French tea dress"),
            ("针织连衣裙", "knitted dress"),
            ("雪纺连衣裙", "chiffon dress"),
            ("无袖吊带连衣裙", "sleeveless slip dress"),
        ),
        (("", ""), ("收腰", "cinched-waist"), ("中长款", "midi"), ("复古", "vintage"), ("气质", "elegant")),
        (89, 299),
        (220, 460),
        "SUP01",
        8,
        (colours("BLK", "WHT", "RED", "BLU", "PNK", "YEL"), sizes("S", "M", "L", "XL", pick=(3, 4))),
        description="有内衬不透，后背隐形拉链；建议手洗或轻柔机洗。",
    ),
    Family(
        "服装/裙装/半身裙",
        "SK",
        (("百褶半身裙", "pleated skirt"), ("A字半身裙", "A-line skirt"), ("牛仔半身裙", "denim skirt")),
        (("", ""), ("高腰", "high-waist"), ("中长款", "midi"), ("短款", "short")),
        (69, 189),
        (180, 360),
        "SUP01",
        4,
        (colours("BLK", "KHA", "BLU", "BEI"), sizes("S", "M", "L", "XL", pick=(3, 4))),
    ),
    Family(
        "服装/裤装/牛仔裤",
        "JN",
        (
            ("直筒牛仔裤", "straight-leg jeans"),
            ("修身牛仔裤", "slim jeans"),
            ("阔腿牛仔裤", "wide-leg jeans"),
            ("弹力牛仔裤", "stretch jeans"),
        ),
        (("", ""), ("高腰", "high-waist"), ("水洗", "washed"), ("九分", "ankle-length"), ("男士", "men's")),
        (99, 259),
        (500, 820),
        "SUP01",
        6,
        (colours("BLU", "BLK", "GRY", pick=(1, 3)), WAIST_SIZES),
        description="98%棉 2%氨纶，微弹；首次洗涤可能轻微掉色，请单独洗涤。",
    ),
    Family(
        "服装/裤装/休闲裤",
        "PT",
        (("休闲长裤", "casual trousers"), ("工装裤", "cargo trousers"), ("运动束脚裤", "jogger trousers")),
        (("", ""), ("宽松", "loose-fit"), ("冰丝", "ice-silk"), ("加绒", "fleece-lined")),
        (79, 199),
        (300, 550),
        "SUP01",
        5,
        (colours("BLK", "GRY", "KHA", "NVY"), LETTER_SIZES),
    ),
    Family(
        "服装/鞋袜/帆布鞋",
        "CV",
        (("经典低帮帆布鞋", "classic low-top canvas shoes"), ("高帮帆布鞋", "high-top canvas shoes")),
        (("", ""), ("百搭", "everyday"), ("厚底", "platform"), ("情侣款", "matching couples'")),
        (89, 229),
        (600, 900),
        "SUP02",
        5,
        (colours("WHT", "BLK", "BEI", pick=(1, 3)), SHOE_SIZES),
        description="硫化橡胶大底，防滑耐磨；鞋码偏大半码，建议选小一码。",
    ),
    Family(
        "服装/鞋袜/袜子",
        "SO",
        (("纯棉中筒袜 5双装", "cotton crew socks, 5 pairs"), ("隐形船袜 6双装", "no-show socks, 6 pairs")),
        (("", ""), ("男士", "men's"), ("女士", "women's"), ("运动", "sports")),
        (19, 49),
        (110, 200),
        "SUP02",
        4,
        (colours("BLK", "WHT", "GRY", pick=(2, 3)),),
        variant_share=0.6,
        unit="set",
    ),
    # 家居 ---------------------------------------------------------------------------
    Family(
        "家居/餐厨/马克杯",
        "MG",
        (
            ("陶瓷马克杯 350ml", "ceramic mug, 350 ml"),
            ("带盖陶瓷马克杯 400ml", "ceramic mug with lid, 400 ml"),
            ("手绘陶瓷马克杯", "hand-painted ceramic mug"),
            ("哑光陶瓷咖啡杯", "matte ceramic coffee cup"),
        ),
        (("", ""), ("北欧风", "Nordic"), ("简约", "minimalist"), ("情侣", "couples'"), ("复古", "vintage")),
        (29, 79),
        (300, 420),
        "SUP03",
        6,
        (colours("WHT", "BLK", "BLU", "PNK", "GRN", pick=(2, 4)),),
        variant_share=0.5,
        description="景德镇高温釉下彩，可用于微波炉和洗碗机。",
    ),
    Family(
        "家居/餐厨/保温杯",
        "VF",
        (
            ("316不锈钢保温杯 500ml", "316 stainless steel vacuum flask, 500 ml"),
            ("便携保温杯 350ml", "travel vacuum mug, 350 ml"),
            ("大容量保温壶 1L", "large vacuum bottle, 1 L"),
        ),
        (("", ""), ("商务", "business"), ("学生", "student"), ("户外", "outdoor")),
        (59, 199),
        (240, 480),
        "SUP04",
        5,
        (colours("BLK", "WHT", "BLU", "PNK", "GRN", pick=(2, 4)),),
        variant_share=0.8,
        description="双层真空，保温12小时以上；杯盖硅胶圈可拆洗。",
    ),
    Family(
        "家居/餐厨/餐具",
        "TW",
        (
            ("实木筷子 10双装", "wooden chopsticks, 10 pairs"),
            ("陶瓷饭碗 4只装", "ceramic rice bowls, set of 4"),
            ("不锈钢餐具三件套", "stainless steel cutlery set, 3 pieces"),
        ),
        (("", ""), ("日式", "Japanese-style"), ("家用", "household")),
        (19, 99),
        (180, 800),
        "SUP03",
        3,
        unit="set",
    ),
    Family(
        "家居/收纳/收纳盒",
        "SB",
        (
            ("桌面收纳盒", "desk organiser"),
            ("抽屉式收纳盒", "drawer storage box"),
            ("可折叠布艺收纳箱", "foldable fabric storage box"),
        ),
        (("", ""), ("透明", "clear"), ("加厚", "heavy-duty"), ("北欧风", "Nordic")),
        (19, 69),
        (180, 650),
        "SUP08",
        5,
        (BOX_SIZES,),
        variant_share=0.7,
    ),
    Family(
        "家居/收纳/衣架",
        "HG",
        (("防滑衣架 20只装", "non-slip clothes hangers, 20 pack"), ("实木衣架 10只装", "wooden hangers, 10 pack")),
        (("", ""), ("无痕", "no-mark"), ("加粗", "extra-thick")),
        (19, 49),
        (600, 1500),
        "SUP08",
        2,
        unit="set",
    ),
    Family(
        "家居/家纺/抱枕",
        "CU",
        (("棉麻抱枕套 45x45cm", "cotton-linen cushion cover, 45x45 cm"), ("毛绒抱枕", "plush cushion")),
        (("", ""), ("北欧风", "Nordic"), ("ins风", "Instagram-style")),
        (29, 89),
        (150, 600),
        "SUP08",
        3,
        (colours("GRY", "BEI", "YEL", "GRN", "PNK", pick=(2, 4)),),
        variant_share=0.7,
    ),
    Family(
        "家居/家纺/毛巾",
        "TL",
        (("纯棉毛巾 2条装", "cotton towels, 2 pack"), ("珊瑚绒浴巾", "coral fleece bath towel")),
        (("", ""), ("加厚", "thick"), ("吸水", "absorbent")),
        (19, 79),
        (200, 600),
        "SUP08",
        3,
        (colours("WHT", "GRY", "BLU", "PNK", pick=(2, 4)),),
        variant_share=0.6,
    ),
    # 文具 ---------------------------------------------------------------------------
    Family(
        "文具/书写工具/中性笔",
        "GP",
        (
            ("中性笔 0.5mm 12支装", "gel pens 0.5 mm, 12 pack"),
            ("速干中性笔 0.38mm 10支装", "quick-dry gel pens 0.38 mm, 10 pack"),
        ),
        (("", ""), ("按动式", "retractable"), ("考试专用", "exam")),
        (12, 29),
        (80, 160),
        "SUP05",
        4,
        (Axis((("BLK", "黑色"), ("BLU", "蓝色"), ("RED", "红色")), (2, 3), english=("Black", "Blue", "Red")),),
        variant_share=0.8,
        unit="box",
    ),
    Family(
        "文具/书写工具/钢笔",
        "FP",
        (("铱金钢笔 EF尖", "fountain pen, EF nib"), ("练字钢笔礼盒", "calligraphy fountain pen gift box")),
        (("", ""), ("学生", "student"), ("商务", "business")),
        (49, 199),
        (60, 280),
        "SUP05",
        2,
    ),
    Family(
        "文具/本册/笔记本",
        "NB",
        (("线圈笔记本", "spiral notebook"), ("牛皮纸软抄本", "kraft paper notebook"), ("方格手账本", "grid journal")),
        (("", ""), ("加厚", "thick"), ("简约", "minimalist"), ("复古", "vintage")),
        (9, 39),
        (120, 420),
        "SUP05",
        4,
        (NOTEBOOK_SIZES,),
        variant_share=0.6,
    ),
    Family(
        "文具/本册/便利贴",
        "SN",
        (("便利贴 76x76mm 6本装", "sticky notes 76x76 mm, 6 pads"), ("透明便利贴", "transparent sticky notes")),
        (("", ""), ("莫兰迪色", "pastel"), ("荧光", "neon")),
        (6, 19),
        (60, 180),
        "SUP05",
        2,
        unit="set",
    ),
    Family(
        "文具/办公用品/文件夹",
        "FO",
        (("A4拉链文件袋", "A4 zip document bag"), ("A4风琴包", "A4 expanding file")),
        (("", ""), ("防水", "waterproof"), ("大容量", "large-capacity")),
        (9, 35),
        (80, 320),
        "SUP05",
        2,
        (colours("BLU", "BLK", "PNK", "GRN", "YEL", pick=(3, 5)),),
        variant_share=0.7,
    ),
    Family(
        "文具/办公用品/订书机",
        "ST",
        (("省力订书机", "effortless stapler"), ("迷你订书机套装", "mini stapler set")),
        (("", ""), ("办公", "office")),
        (15, 49),
        (150, 420),
        "SUP05",
        1,
    ),
    # 数码配件 ------------------------------------------------------------------------
    Family(
        "数码配件/手机配件/手机壳",
        "PC",
        (
            ("透明防摔手机壳", "clear shockproof phone case"),
            ("磁吸手机壳", "magnetic phone case"),
            ("硅胶手机壳", "silicone phone case"),
            ("皮革手机壳", "leather phone case"),
        ),
        (("", ""), ("超薄", "ultra-thin"), ("全包", "full-cover"), ("简约", "minimalist")),
        (29, 89),
        (30, 70),
        "SUP06",
        7,
        (PHONE_MODELS,),
        description="精准开孔，镜头加高保护；支持无线充电。",
    ),
    Family(
        "数码配件/手机配件/钢化膜",
        "SP",
        (("高清钢化膜 2片装", "tempered glass screen protector, 2 pack"), ("防窥钢化膜", "privacy screen protector")),
        (("", ""), ("全屏", "full-screen"), ("防蓝光", "anti-blue-light")),
        (15, 39),
        (20, 45),
        "SUP06",
        4,
        (PHONE_MODELS,),
    ),
    Family(
        "数码配件/手机配件/数据线",
        "CB",
        (
            ("USB-C 快充数据线", "USB-C fast-charging cable"),
            ("编织数据线 USB-C转Lightning", "braided USB-C to Lightning cable"),
        ),
        (("", ""), ("60W", "60 W"), ("100W", "100 W")),
        (19, 59),
        (35, 80),
        "SUP06",
        4,
        (CABLE_LENGTHS,),
        variant_share=0.7,
    ),
    Family(
        "数码配件/充电设备/充电器",
        "CH",
        (("氮化镓充电器 65W", "GaN charger, 65 W"), ("双口快充充电头 35W", "dual-port fast charger, 35 W")),
        (("", ""), ("折叠插脚", "foldable-plug"), ("迷你", "mini")),
        (59, 199),
        (60, 150),
        "SUP06",
        3,
        (colours("WHT", "BLK", pick=(1, 2)),),
        variant_share=0.5,
        description="支持PD/QC快充协议，过流过压保护；3C认证。",
    ),
    Family(
        "数码配件/充电设备/充电宝",
        "PB",
        (("充电宝 10000mAh", "power bank, 10,000 mAh"), ("磁吸充电宝 5000mAh", "magnetic power bank, 5,000 mAh")),
        (("", ""), ("轻薄", "slim"), ("自带线", "built-in-cable")),
        (79, 259),
        (150, 260),
        "SUP06",
        3,
        (colours("WHT", "BLK", "BLU", "PNK", pick=(2, 3)),),
        variant_share=0.8,
        description="可带上飞机（低于100Wh）；支持边充边放。",
    ),
    Family(
        "数码配件/音频/耳机",
        "EP",
        (("真无线蓝牙耳机", "true wireless earbuds"), ("头戴式蓝牙耳机", "over-ear Bluetooth headphones")),
        (("", ""), ("降噪", "noise-cancelling"), ("运动", "sports"), ("半入耳式", "semi-in-ear")),
        (99, 399),
        (50, 320),
        "SUP06",
        3,
        (colours("BLK", "WHT", "BLU", pick=(1, 3)),),
        variant_share=0.8,
    ),
    # 美妆个护 ------------------------------------------------------------------------
    Family(
        "美妆个护/彩妆/口红",
        "LS",
        (
            ("丝绒哑光口红", "velvet matte lipstick"),
            ("滋润保湿口红", "moisturising lipstick"),
            ("镜面唇釉", "glossy lip glaze"),
        ),
        (("", ""), ("小样", "mini"), ("经典", "classic")),
        (59, 199),
        (20, 45),
        "SUP07",
        5,
        (LIPSTICK_SHADES,),
        description="保质期36个月，开封后建议12个月内用完。",
    ),
    Family(
        "美妆个护/彩妆/眼影",
        "ES",
        (("九色眼影盘", "9-shade eyeshadow palette"), ("四色眼影盘", "4-shade eyeshadow palette")),
        (("", ""), ("大地色", "earth-tone"), ("珠光", "shimmer")),
        (79, 199),
        (60, 180),
        "SUP07",
        2,
    ),
    Family(
        "美妆个护/护肤/面膜",
        "FM",
        (
            ("玻尿酸补水面膜 10片装", "hyaluronic acid sheet masks, 10 pack"),
            ("清洁泥膜 100g", "clay cleansing mask, 100 g"),
        ),
        (("", ""), ("舒缓", "soothing"), ("保湿", "hydrating")),
        (49, 139),
        (180, 320),
        "SUP07",
        3,
        unit="box",
    ),
    Family(
        "美妆个护/护肤/面霜",
        "FC",
        (("保湿面霜 50g", "moisturising cream, 50 g"), ("修护晚霜 50g", "repair night cream, 50 g")),
        (("", ""), ("敏感肌", "sensitive-skin"), ("清爽型", "light")),
        (99, 299),
        (110, 220),
        "SUP07",
        2,
    ),
    Family(
        "美妆个护/护肤/洗面奶",
        "CL",
        (
            ("氨基酸洗面奶 120g", "amino acid facial cleanser, 120 g"),
            ("控油洁面乳 100g", "oil-control cleanser, 100 g"),
        ),
        (("", ""), ("温和", "gentle"), ("男士", "men's")),
        (39, 109),
        (140, 220),
        "SUP07",
        2,
    ),
    Family(
        "美妆个护/个人护理/护手霜",
        "HC",
        (("护手霜 30g", "hand cream, 30 g"), ("护手霜 50g", "hand cream, 50 g")),
        (("", ""), ("樱花香", "cherry blossom"), ("无香", "unscented")),
        (19, 59),
        (40, 220),
        "SUP07",
        2,
    ),
    Family(
        "美妆个护/个人护理/牙刷",
        "ET",
        (("声波电动牙刷", "sonic electric toothbrush"), ("儿童电动牙刷", "children's electric toothbrush")),
        (("", ""), ("便携", "travel"), ("情侣款", "couples'")),
        (99, 299),
        (120, 260),
        "SUP06",
        2,
        (colours("WHT", "BLK", "PNK", "BLU", pick=(2, 3)),),
        variant_share=0.7,
        description="两分钟智能定时，每30秒换区提醒；IPX7防水，USB-C充电。",
    ),
    Family(
        "美妆个护/个人护理/牙刷",
        "TB",
        (("软毛牙刷 4支装", "soft toothbrushes, 4 pack"), ("竹炭牙刷 6支装", "charcoal toothbrushes, 6 pack")),
        (("", ""), ("成人", "adult"), ("细软毛", "extra-soft")),
        (9, 29),
        (40, 90),
        "SUP08",
        2,
        unit="set",
    ),
)

TAGS = ("新品", "热销", "爆款", "包邮", "限时折扣", "礼品推荐")


@dataclass(frozen=True)
class SupplierData:
    code: str
    name: str
    contact: str
    phone: str
    address: str
    lead_time_days: int
    notes: str
    barcode_prefix: str  # the supplier's GS1 company prefix (China: 690-699)
    article_prefix: str  # how the supplier's own article numbers start


SUPPLIERS = (
    SupplierData(
        "SUP01",
        "广州市棉语服饰有限公司",
        "陈经理",
        "020-8666 1203",
        "广东省广州市白云区石井街道鸿业路18号",
        12,
        "月结30天；起订量每款50件",
        "6901832",
        "MY",
    ),
    SupplierData(
        "SUP02",
        "晋江市步远鞋业有限公司",
        "林小姐",
        "0595-8571 3366",
        "福建省泉州市晋江市陈埭镇鞋都路88号",
        18,
        "款到发货；鞋码齐码起订",
        "6911457",
        "BY",
    ),
    SupplierData(
        "SUP03",
        "景德镇瓷韵陶瓷有限公司",
        "王师傅",
        "0798-822 5510",
        "江西省景德镇市珠山区陶瓷工业园6栋",
        25,
        "手工产品，交期较长；破损包赔",
        "6920538",
        "CY",
    ),
    SupplierData(
        "SUP04",
        "永康市恒温器皿有限公司",
        "胡经理",
        "0579-8718 2290",
        "浙江省金华市永康市经济开发区金山西路56号",
        10,
        "月结30天",
        "6935164",
        "HW",
    ),
    SupplierData(
        "SUP05",
        "宁波文思文具有限公司",
        "周小姐",
        "0574-8765 4321",
        "浙江省宁波市北仑区小港街道文具园区3号",
        5,
        "满2000元包邮",
        "6947729",
        "WS",
    ),
    SupplierData(
        "SUP06",
        "深圳市极客数码科技有限公司",
        "刘先生",
        "0755-2399 8812",
        "广东省深圳市龙华区民治街道华南数码城B座1208",
        7,
        "月结15天；所有产品带3C认证",
        "6953306",
        "JK",
    ),
    SupplierData(
        "SUP07",
        "杭州花妍化妆品有限公司",
        "沈小姐",
        "0571-8607 7755",
        "浙江省杭州市余杭区仓前街道化妆品产业园2号楼",
        30,
        "含进口原料，交期约一个月；保质期不少于18个月",
        "6968840",
        "HY",
    ),
    SupplierData(
        "SUP08",
        "义乌市聚源日用品有限公司",
        "吴老板",
        "138 5790 2468",
        "浙江省金华市义乌市国际商贸城二区东门",
        3,
        "小商品批发，现货为主；也可代采各类目",
        "6972215",
        "JY",
    ),
)
# The Yiwu wholesaler can source almost anything: the demo's second supplier for some products.
FALLBACK_SUPPLIER = "SUP08"

# Warehouses: code, name, city; each has zones A/B/C.
WAREHOUSES = (("WH1", "主仓（上海嘉定）"), ("WH2", "分仓（广州白云）"))
ZONES = (("A", "A区 服装鞋袜"), ("B", "B区 家居文具"), ("C", "C区 数码美妆"))
# Carriers: (name, tracking prefix, service). The names are the ones the app offers (ui/orders/labels.py CARRIERS):
# parcels within China go with the domestic couriers, parcels abroad with an international one.
DOMESTIC_CARRIERS = (
    ("顺丰速运", "SF", "标快"),
    ("中通快递", "ZTO", ""),
    ("圆通速递", "YT", ""),
    ("韵达快递", "YD", ""),
)
INTERNATIONAL_CARRIERS = (("DHL Express", "DHL", "Worldwide"), ("EMS", "EE", "国际特快专递"))


def carriers_for(country: str) -> tuple[tuple[str, str, str], ...]:
    """The carriers a parcel to `country` goes with: domestic ones within China, international ones abroad."""
    return DOMESTIC_CARRIERS if country.strip().upper() in ("", "CN") else INTERNATIONAL_CARRIERS


# People -------------------------------------------------------------------------------
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_NAMES = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "勇",
    "杰",
    "涛",
    "超",
    "婷",
    "鹏",
    "倩",
    "颖",
    "丽",
    "强",
    "军",
    "燕",
    "斌",
    "子涵",
    "浩然",
    "欣怡",
    "梓萱",
    "宇轩",
    "一诺",
    "佳怡",
    "俊杰",
    "思远",
    "雨桐",
    "建国",
    "秀英",
    "桂兰",
    "志强",
    "海燕",
    "丽娟",
    "晓明",
    "文博",
    "嘉欣",
    "子轩",
    "美玲",
    "晓东",
    "春梅",
    "国华",
    "雪梅",
    "建华",
    "慧敏",
    "晨曦",
    "梦瑶",
    "天宇",
    "佳琪",
    "明轩",
    "诗涵",
    "博文",
    "泽宇",
    "心怡",
    "雅琴",
    "玉兰",
    "志伟",
    "红霞",
]
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "170",
    "173",
    "175",
    "176",
    "177",
    "178",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "195",
    "198",
    "199",
]

# (province, city, districts, postcode start)
CN_PLACES = (
    ("上海市", "上海市", ("浦东新区", "徐汇区", "静安区", "闵行区", "杨浦区", "嘉定区"), "200"),
    ("北京市", "北京市", ("朝阳区", "海淀区", "东城区", "丰台区", "昌平区"), "100"),
    ("广东省", "广州市", ("天河区", "越秀区", "海珠区", "白云区", "番禺区"), "510"),
    ("广东省", "深圳市", ("南山区", "福田区", "宝安区", "龙岗区", "龙华区"), "518"),
    ("浙江省", "杭州市", ("西湖区", "上城区", "拱墅区", "余杭区", "滨江区"), "310"),
    ("江苏省", "南京市", ("鼓楼区", "玄武区", "建邺区", "江宁区"), "210"),
    ("江苏省", "苏州市", ("姑苏区", "工业园区", "吴中区", "相城区"), "215"),
    ("四川省", "成都市", ("武侯区", "锦江区", "青羊区", "高新区", "双流区"), "610"),
    ("湖北省", "武汉市", ("洪山区", "武昌区", "江汉区", "汉阳区"), "430"),
    ("重庆市", "重庆市", ("渝中区", "江北区", "南岸区", "渝北区"), "400"),
    ("陕西省", "西安市", ("雁塔区", "碑林区", "未央区", "长安区"), "710"),
    ("湖南省", "长沙市", ("岳麓区", "芙蓉区", "天心区", "开福区"), "410"),
    ("福建省", "厦门市", ("思明区", "湖里区", "集美区"), "361"),
    ("山东省", "青岛市", ("市南区", "市北区", "崂山区", "黄岛区"), "266"),
    ("天津市", "天津市", ("和平区", "南开区", "河西区"), "300"),
    ("河南省", "郑州市", ("金水区", "二七区", "中原区"), "450"),
    ("辽宁省", "沈阳市", ("和平区", "沈河区", "浑南区"), "110"),
    ("云南省", "昆明市", ("五华区", "盘龙区", "官渡区"), "650"),
)
CN_ROADS = [
    "人民路",
    "中山路",
    "解放路",
    "建设路",
    "和平路",
    "新华路",
    "长江路",
    "学府路",
    "科技路",
    "滨江大道",
    "文化路",
    "东风路",
    "胜利路",
    "青年路",
    "光明路",
    "花园路",
    "幸福大街",
    "朝阳路",
    "迎宾大道",
    "工业园路",
]
CN_COMPOUNDS = [
    "阳光花园",
    "锦绣华庭",
    "翠湖苑",
    "金色家园",
    "幸福里小区",
    "绿地世纪城",
    "星河湾",
    "明珠花苑",
    "银杏公寓",
    "书香名邸",
]
CN_OFFICES = ("创新大厦", "国际金融中心", "科技园", "商务中心", "软件园")

# Customers abroad: (country, name pool, places, streets, phone format)
DE_NAMES = (
    ("Lukas", "Anna", "Jonas", "Lea", "Felix", "Mia", "Paul", "Emma", "Maximilian", "Sophie"),
    ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz"),
)
DE_PLACES = (
    ("Berlin", "Berlin", "10115"),
    ("Bayern", "München", "80331"),
    ("Hamburg", "Hamburg", "20095"),
    ("Nordrhein-Westfalen", "Köln", "50667"),
    ("Hessen", "Frankfurt am Main", "60311"),
)
DE_STREETS = ("Hauptstraße", "Bahnhofstraße", "Lindenallee", "Schillerstraße", "Goethestraße", "Gartenweg")
US_NAMES = (
    ("James", "Emily", "Michael", "Sarah", "David", "Jessica", "Daniel", "Ashley", "Kevin", "Olivia"),
    ("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Chen", "Nguyen"),
)
US_PLACES = (
    ("NY", "New York", "10001", "212"),
    ("CA", "San Francisco", "94103", "415"),
    ("WA", "Seattle", "98101", "206"),
    ("IL", "Chicago", "60601", "312"),
    ("TX", "Austin", "78701", "512"),
    ("MA", "Boston", "02108", "617"),
)
US_STREETS = ("Main St", "Market St", "Oak Ave", "Maple Dr", "Washington Blvd", "Park Ave")
JP_FAMILY_NAMES = (("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"), ("伊藤", "ito"))
JP_GIVEN_NAMES = (
    ("健", "ken"),
    ("美咲", "misaki"),
    ("翔", "sho"),
    ("陽菜", "hina"),
    ("大輔", "daisuke"),
    ("結衣", "yui"),
)
JP_BUILDINGS = ("グリーンハイツ", "メゾン桜", "パークコート")
JP_PLACES = (
    ("東京都", "渋谷区", "神南", "150-0041"),
    ("東京都", "新宿区", "西新宿", "160-0023"),
    ("大阪府", "大阪市北区", "梅田", "530-0001"),
    ("神奈川県", "横浜市西区", "みなとみらい", "220-0012"),
    ("京都府", "京都市中京区", "河原町", "604-8005"),
)

CUSTOMER_CHANNELS = (("taobao", 40), ("jd", 15), ("douyin", 15), ("wechat", 15), ("website", 10), ("manual", 5))
CUSTOMER_NOTES = (
    "只发顺丰",
    "工作日白天不在家，请放快递柜",
    "需要开发票",
    "老客户，发货时送小样",
    "外包装不要写商品名称",
)
