"""The demo catalogue of Quảng Ngãi's OCOP products, as data.

The figures it yields are those of the provincial report (see the project's seed notes):
61 products certified at provincial level (4 at 4 stars, 57 at 3 stars, 2 community tourism
services), 31 producers (8 enterprises with 22 products, 12 cooperatives with 24, 11
household businesses with 15), products in 9 of the 13 district-level localities (Mộ Đức 19,
Quảng Ngãi city 12, Trà Bồng 11), producers in 27 communes, and 5 showrooms.

Localities are official codes of the pre-2025 tree (vietnam-provinces data): province 51,
its districts (3 digits) and communes (5 digits). Lý Sơn district has no communes in that
data, so its producers have no commune. Everything is keyed by stable identifiers (UPC,
slugs, codes) so that loading twice changes nothing.
"""

import datetime
from dataclasses import dataclass, field

PROVINCE_CODE = 51
ISSUER = "UBND tỉnh Quảng Ngãi"
LEVEL = "province"
GROUP_SET = "qd-148-2023"

# Districts of Quảng Ngãi (pre-2025 codes).
QUANG_NGAI_CITY = 522
BINH_SON = 524
TRA_BONG = 525
TU_NGHIA = 528
SON_HA = 529
NGHIA_HANH = 532
MO_DUC = 533
DUC_PHO = 534
LY_SON = 536

# The province's OCOP recognition decisions (one decision recognises a batch of products).
DECISIONS = {
    "2024-06": ("745/QĐ-UBND", datetime.date(2024, 6, 14)),
    "2024-08": ("1102/QĐ-UBND", datetime.date(2024, 8, 27)),
    "2024-11": ("1568/QĐ-UBND", datetime.date(2024, 11, 20)),
    "2025-03": ("312/QĐ-UBND", datetime.date(2025, 3, 18)),
    "2025-07": ("905/QĐ-UBND", datetime.date(2025, 7, 9)),
    "2025-10": ("1377/QĐ-UBND", datetime.date(2025, 10, 15)),
}


@dataclass(frozen=True)
class DemoProduct:
    upc: str
    title: str
    subgroup: str  # code of the sub-group in the current set, e.g. "1.3"
    stars: int
    score: int
    price: int  # whole VND
    stock: int
    weight_kg: float | None  # None for services
    decision: str  # key of DECISIONS
    description_vi: str
    description_en: str
    # (stars, score, decision key) of the first recognition, for a product since upgraded.
    first_issue: tuple[int, int, str] | None = None

    @property
    def group(self):
        return self.subgroup.split(".")[0]

    @property
    def is_service(self):
        return self.group == "6"


@dataclass(frozen=True)
class DemoProducer:
    slug: str
    name: str
    legal_type: str  # enterprise | cooperative | household
    district: int
    commune: int | None
    street_address: str
    representative: str
    founded_year: int
    phone: str
    story: str
    story_en: str
    products: tuple[DemoProduct, ...] = field(default_factory=tuple)


P = DemoProduct

PRODUCERS = (
    # --- Mộ Đức: 9 producers, 19 products ---------------------------------------------------
    DemoProducer(
        slug="mach-nha-thi-pho",
        name="Công ty TNHH Mạch nha Thi Phổ",
        legal_type="enterprise",
        district=MO_DUC,
        commune=21409,  # Xã Đức Nhuận
        street_address="Thôn Thi Phổ 1",
        representative="Nguyễn Văn Thạnh",
        founded_year=2011,
        phone="0255 3845 218",
        story="Làng Thi Phổ nấu mạch nha từ lúa nếp và mầm lúa theo cách truyền thống hơn "
        "một trăm năm. Công ty gom sản phẩm của các hộ trong làng, chuẩn hóa quy trình và "
        "bao bì để đưa mạch nha Thi Phổ đi khắp cả nước.",
        story_en="The village of Thi Phổ has cooked malt syrup from glutinous rice and sprouted "
        "rice for more than a century. The company gathers the village households' syrup, "
        "standardises the process and packaging and sells Thi Phổ malt across the country.",
        products=(
            P(
                "QNG-0001",
                "Mạch nha Thi Phổ",
                "1.3",
                4,
                78,
                65000,
                180,
                0.5,
                "2025-10",
                "Mạch nha vàng óng, dẻo quánh, nấu từ nếp và mầm lúa theo bí quyết làng Thi "
                "Phổ; ngọt thanh, không chất bảo quản. Hũ 500 g.",
                "Golden, thick malt syrup cooked from glutinous rice and sprouted rice the Thi "
                "Phổ village way; mildly sweet, no preservatives. 500 g jar.",
                first_issue=(3, 66, "2024-06"),
            ),
            P(
                "QNG-0002",
                "Mạch nha gừng Thi Phổ",
                "1.3",
                3,
                64,
                55000,
                120,
                0.4,
                "2024-08",
                "Mạch nha Thi Phổ nấu cùng gừng tươi, ấm bụng, dùng pha nước gừng hay ăn kèm "
                "bánh tráng. Hũ 400 g.",
                "Thi Phổ malt syrup cooked with fresh ginger, warming; stir into hot water or "
                "eat with rice crackers. 400 g jar.",
            ),
            P(
                "QNG-0003",
                "Kẹo mạch nha đậu phộng Thi Phổ",
                "1.3",
                3,
                61,
                45000,
                150,
                0.3,
                "2024-11",
                "Kẹo giòn làm từ mạch nha Thi Phổ và đậu phộng rang Mộ Đức. Gói 300 g.",
                "Crunchy candy of Thi Phổ malt syrup and roasted Mộ Đức peanuts. 300 g bag.",
            ),
            P(
                "QNG-0004",
                "Hộp quà mạch nha Thi Phổ",
                "1.3",
                3,
                66,
                185000,
                60,
                1.5,
                "2025-03",
                "Hộp quà ba hũ mạch nha Thi Phổ (truyền thống, gừng, lá dứa), thích hợp làm "
                "quà biếu.",
                "Gift box of three jars of Thi Phổ malt syrup (traditional, ginger, pandan), "
                "made for giving.",
            ),
        ),
    ),
    DemoProducer(
        slug="co-so-mach-nha-ba-nam",
        name="Cơ sở Mạch nha Bà Năm",
        legal_type="household",
        district=MO_DUC,
        commune=21409,  # Xã Đức Nhuận
        street_address="Thôn Thi Phổ 2",
        representative="Trần Thị Năm",
        founded_year=1998,
        phone="0905 612 347",
        story="Gia đình bà Năm ba đời nấu mạch nha bằng bếp củi, mỗi mẻ canh lửa gần một ngày.",
        story_en="Mrs Năm's family has cooked malt syrup over a wood fire for three "
        "generations, each batch watched for almost a whole day.",
        products=(
            P(
                "QNG-0005",
                "Mạch nha truyền thống Bà Năm",
                "1.3",
                3,
                58,
                50000,
                90,
                0.5,
                "2024-08",
                "Mạch nha nấu bếp củi theo cách cổ truyền của làng Thi Phổ. Hũ 500 g.",
                "Malt syrup cooked over a wood fire in the old Thi Phổ way. 500 g jar.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-nong-nghiep-duc-lan",
        name="HTX Nông nghiệp Đức Lân",
        legal_type="cooperative",
        district=MO_DUC,
        commune=21436,  # Xã Đức Lân
        street_address="Thôn Lâm Thượng",
        representative="Phạm Văn Hòa",
        founded_year=2004,
        phone="0255 3859 402",
        story="Hợp tác xã của hơn 600 xã viên trồng lúa, đậu phộng trên cánh đồng ven sông Vệ, "
        "liên kết bao tiêu và chế biến nông sản sạch.",
        story_en="A cooperative of more than 600 members farming rice and peanuts along the Vệ "
        "river, buying and processing its members' clean produce.",
        products=(
            P(
                "QNG-0006",
                "Gạo sạch Đức Lân",
                "1.2",
                3,
                60,
                110000,
                200,
                5.0,
                "2024-06",
                "Gạo trồng theo quy trình an toàn trên đồng ruộng Đức Lân, cơm dẻo, thơm nhẹ. "
                "Túi 5 kg.",
                "Rice grown to safe-farming rules in the fields of Đức Lân; soft, lightly "
                "fragrant. 5 kg bag.",
            ),
            P(
                "QNG-0007",
                "Bánh tráng gạo lứt Đức Lân",
                "1.3",
                3,
                57,
                48000,
                160,
                0.5,
                "2024-11",
                "Bánh tráng tráng từ gạo lứt Đức Lân, phơi nắng, nướng giòn hoặc cuốn.",
                "Sun-dried rice paper made from Đức Lân brown rice; grill it crisp or use it "
                "for rolls.",
            ),
            P(
                "QNG-0008",
                "Đậu phộng Đức Lân",
                "1.2",
                3,
                55,
                75000,
                140,
                1.0,
                "2025-03",
                "Đậu phộng hạt chắc, phơi khô, trồng trên đất cát ven biển Mộ Đức. Túi 1 kg.",
                "Plump dried peanuts grown on the sandy coastal soil of Mộ Đức. 1 kg bag.",
            ),
        ),
    ),
    DemoProducer(
        slug="duong-phen-mo-duc",
        name="Công ty Cổ phần Đường phèn Mộ Đức",
        legal_type="enterprise",
        district=MO_DUC,
        commune=21400,  # Thị trấn Mộ Đức
        street_address="Tổ dân phố 3, Quốc lộ 1A",
        representative="Võ Minh Tuấn",
        founded_year=2008,
        phone="0255 3856 117",
        story="Đường phèn, đường phổi là đặc sản trăm năm của Quảng Ngãi. Công ty kết tinh "
        "đường từ mía vùng Mộ Đức theo lối thủ công, không dùng hóa chất tẩy trắng.",
        story_en="Rock sugar and 'lung' sugar are Quảng Ngãi specialties a century old. The "
        "company crystallises sugar from Mộ Đức cane by hand, without bleaching agents.",
        products=(
            P(
                "QNG-0009",
                "Đường phèn Quảng Ngãi",
                "1.3",
                3,
                63,
                55000,
                220,
                0.5,
                "2024-06",
                "Đường phèn hạt trong, ngọt thanh, kết tinh tự nhiên từ mật mía. Túi 500 g.",
                "Clear rock sugar, mildly sweet, naturally crystallised from cane syrup. "
                "500 g bag.",
            ),
            P(
                "QNG-0010",
                "Đường phổi Quảng Ngãi",
                "1.3",
                3,
                59,
                60000,
                150,
                0.5,
                "2024-11",
                "Đường phổi xốp, giòn, vàng nhạt, tan ngay trong miệng. Hộp 500 g.",
                "Light, crisp, pale-gold 'lung' sugar that melts in the mouth. 500 g box.",
            ),
            P(
                "QNG-0011",
                "Đường phèn viên vàng",
                "1.3",
                3,
                62,
                95000,
                100,
                1.0,
                "2025-07",
                "Đường phèn viên màu hổ phách, dùng nấu chè, pha trà, chưng yến. Hộp 1 kg.",
                "Amber rock sugar nuggets for sweet soups, tea and bird's-nest tonics. 1 kg box.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-nong-nghiep-duc-phong",
        name="HTX Nông nghiệp Đức Phong",
        legal_type="cooperative",
        district=MO_DUC,
        commune=21433,  # Xã Đức Phong
        street_address="Thôn Tân Phong",
        representative="Lê Văn Sáu",
        founded_year=2006,
        phone="0255 3861 250",
        story="Các hộ làm nước mắm, ruốc ở vùng biển Đức Phong góp vốn lập hợp tác xã để giữ "
        "nghề cha ông.",
        story_en="Families making fish sauce and shrimp paste on the Đức Phong coast pooled "
        "their means in a cooperative to keep their forebears' craft alive.",
        products=(
            P(
                "QNG-0012",
                "Nước mắm truyền thống Đức Phong",
                "1.4",
                3,
                60,
                75000,
                130,
                0.6,
                "2024-08",
                "Nước mắm ủ chượp từ cá cơm và muối biển trong thùng gỗ 12 tháng. Chai 500 ml.",
                "Fish sauce fermented from anchovy and sea salt in wooden vats for 12 months. "
                "500 ml bottle.",
            ),
            P(
                "QNG-0013",
                "Ruốc biển Đức Phong",
                "1.4",
                3,
                56,
                65000,
                90,
                0.3,
                "2025-03",
                "Ruốc (mắm ruốc) làm từ moi biển tươi, thơm đậm, dùng kho, xào. Hũ 300 g.",
                "Shrimp paste from fresh krill, rich and fragrant, for braising and stir-fries. "
                "300 g jar.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-thuy-san-duc-loi",
        name="HTX Thủy sản Đức Lợi",
        legal_type="cooperative",
        district=MO_DUC,
        commune=21403,  # Xã Đức Lợi
        street_address="Thôn Kim Thạch",
        representative="Huỳnh Văn Lộc",
        founded_year=2015,
        phone="0255 3865 093",
        story="Ngư dân Đức Lợi đánh bắt xa bờ và sơ chế hải sản ngay trên tàu, phơi một nắng "
        "tại làng.",
        story_en="Đức Lợi fishermen fish offshore, prepare the catch on board and sun-dry it "
        "for a single day in the village.",
        products=(
            P(
                "QNG-0014",
                "Mực một nắng Đức Lợi",
                "1.3",
                3,
                63,
                450000,
                60,
                0.5,
                "2024-11",
                "Mực câu tươi phơi đúng một nắng, thịt dày, ngọt; nướng than là ngon nhất. "
                "Túi 500 g, hút chân không.",
                "Line-caught squid sun-dried for a single day, thick and sweet; best grilled "
                "over charcoal. 500 g vacuum pack.",
            ),
            P(
                "QNG-0015",
                "Cá thu một nắng Đức Lợi",
                "1.3",
                3,
                59,
                280000,
                50,
                0.5,
                "2025-07",
                "Cá thu cắt lát, ướp nhẹ, phơi một nắng; chiên hoặc kho đều ngon. Túi 500 g.",
                "Sliced mackerel, lightly seasoned and sun-dried for a day; fry or braise. "
                "500 g pack.",
            ),
        ),
    ),
    DemoProducer(
        slug="hkd-keo-guong-ngoc-anh",
        name="Hộ kinh doanh Kẹo gương Ngọc Ánh",
        legal_type="household",
        district=MO_DUC,
        commune=21412,  # Xã Đức Chánh
        street_address="Thôn 2",
        representative="Đặng Thị Ngọc Ánh",
        founded_year=2005,
        phone="0914 238 561",
        story="Kẹo gương Ngọc Ánh được làm thủ công từ mạch nha, đậu phộng và bánh tráng mỏng.",
        story_en="Ngọc Ánh makes 'mirror' candy by hand from malt syrup, peanuts and thin rice "
        "paper.",
        products=(
            P(
                "QNG-0016",
                "Kẹo gương Quảng Ngãi",
                "1.3",
                3,
                55,
                40000,
                200,
                0.25,
                "2024-08",
                "Kẹo gương: lớp mạch nha, đậu phộng kẹp giữa hai lớp bánh tráng mỏng trong như "
                "gương. Hộp 250 g.",
                "'Mirror' candy: malt syrup and peanuts pressed between two glass-thin rice "
                "papers. 250 g box.",
            ),
        ),
    ),
    DemoProducer(
        slug="co-so-banh-trang-duc-thanh",
        name="Cơ sở Bánh tráng Đức Thạnh",
        legal_type="household",
        district=MO_DUC,
        commune=21421,  # Xã Đức Thạnh
        street_address="Thôn Phước Thịnh",
        representative="Nguyễn Thị Hoa",
        founded_year=2001,
        phone="0983 417 205",
        story="Mỗi sáng cơ sở tráng hàng nghìn chiếc bánh, phơi trên giàn tre dọc đường làng.",
        story_en="Every morning thousands of rice papers are steamed here and dried on bamboo "
        "racks along the village road.",
        products=(
            P(
                "QNG-0017",
                "Bánh tráng nướng mè đen Đức Thạnh",
                "1.3",
                3,
                56,
                35000,
                250,
                0.5,
                "2025-03",
                "Bánh tráng gạo rắc mè đen, nướng giòn, ăn kèm mạch nha hoặc chấm mắm.",
                "Rice crackers sprinkled with black sesame, grilled crisp; eat with malt syrup "
                "or dipped in fish sauce.",
            ),
        ),
    ),
    DemoProducer(
        slug="nong-san-duc-hiep",
        name="Công ty TNHH Nông sản Đức Hiệp",
        legal_type="enterprise",
        district=MO_DUC,
        commune=21415,  # Xã Đức Hiệp
        street_address="Thôn Phước Sơn",
        representative="Trương Công Định",
        founded_year=2016,
        phone="0255 3868 774",
        story="Công ty trồng nghệ, gạo lứt theo hướng hữu cơ và chế biến thành sản phẩm tốt "
        "cho sức khỏe.",
        story_en="The company grows turmeric and brown rice organically and turns them into "
        "wholesome products.",
        products=(
            P(
                "QNG-0018",
                "Tinh bột nghệ Đức Hiệp",
                "3.1",
                3,
                62,
                220000,
                80,
                0.5,
                "2025-07",
                "Tinh bột nghệ vàng nguyên chất, tách dầu, dễ uống; pha với mật ong hay sữa. "
                "Hũ 500 g.",
                "Pure yellow turmeric starch, de-oiled and easy to drink with honey or milk. "
                "500 g jar.",
            ),
            P(
                "QNG-0019",
                "Trà gạo lứt đậu đen",
                "1.5",
                3,
                58,
                70000,
                120,
                0.3,
                "2025-10",
                "Trà rang từ gạo lứt và đậu đen xanh lòng, thơm bùi, không caffeine. Hộp 300 g.",
                "Roasted brown rice and black bean tea, nutty and caffeine-free. 300 g box.",
            ),
        ),
    ),
    # --- Thành phố Quảng Ngãi: 6 producers, 12 products -------------------------------------
    DemoProducer(
        slug="thuc-pham-song-tra",
        name="Công ty TNHH Thực phẩm Sông Trà",
        legal_type="enterprise",
        district=QUANG_NGAI_CITY,
        commune=21256,  # Xã Nghĩa Hà
        street_address="Thôn Phú Mỹ",
        representative="Lê Thị Thu Hà",
        founded_year=2014,
        phone="0255 3712 688",
        story="Bên dòng sông Trà Khúc, công ty chế biến cá bống sông Trà và chả cá theo công "
        "thức gia truyền của người Quảng Ngãi.",
        story_en="On the banks of the Trà Khúc river the company prepares river goby and fish "
        "cakes to Quảng Ngãi family recipes.",
        products=(
            P(
                "QNG-0020",
                "Cá bống sông Trà kho tiêu",
                "1.3",
                3,
                65,
                120000,
                110,
                0.3,
                "2024-06",
                "Cá bống sông Trà Khúc kho keo với tiêu, nước mắm và đường phèn, đóng hũ thủy "
                "tinh. Hũ 300 g.",
                "Trà Khúc river goby braised with pepper, fish sauce and rock sugar, in a glass "
                "jar. 300 g.",
            ),
            P(
                "QNG-0021",
                "Cá bống sông Trà rim mặn ngọt",
                "1.3",
                3,
                62,
                115000,
                100,
                0.3,
                "2024-11",
                "Cá bống sông Trà rim mặn ngọt, thịt chắc, ăn với cơm trắng hay cháo. Hũ 300 g.",
                "Trà Khúc river goby simmered sweet and salty, firm and tasty with rice or "
                "congee. 300 g jar.",
            ),
            P(
                "QNG-0022",
                "Chả cá Quảng Ngãi",
                "1.3",
                3,
                60,
                150000,
                80,
                0.5,
                "2025-03",
                "Chả cá thu, cá mối quết tay, chiên vàng, dai ngọt. Gói 500 g, bảo quản lạnh.",
                "Hand-pounded mackerel and lizardfish cakes, fried golden, springy and sweet. "
                "500 g pack, keep chilled.",
            ),
        ),
    ),
    DemoProducer(
        slug="nong-san-thien-an",
        name="Công ty Cổ phần Nông sản Thiên Ấn",
        legal_type="enterprise",
        district=QUANG_NGAI_CITY,
        commune=21172,  # Phường Trương Quang Trọng
        street_address="Số 128 đường Hai Bà Trưng",
        representative="Bùi Quang Khải",
        founded_year=2017,
        phone="0255 3818 626",
        story="Mang tên núi Thiên Ấn, công ty lên men tỏi Lý Sơn thành tỏi đen và rang cà phê "
        "từ hạt của nông dân miền Trung.",
        story_en="Named after Thiên Ấn mountain, the company ferments Lý Sơn garlic into black "
        "garlic and roasts coffee from central Vietnam's farmers.",
        products=(
            P(
                "QNG-0023",
                "Tỏi đen cô đơn Thiên Ấn",
                "1.3",
                3,
                66,
                390000,
                70,
                0.5,
                "2024-08",
                "Tỏi cô đơn Lý Sơn lên men chậm 60 ngày thành tỏi đen dẻo, vị ngọt dịu. Hũ 500 g.",
                "Lý Sơn single-clove garlic slowly fermented for 60 days into soft, mildly "
                "sweet black garlic. 500 g jar.",
            ),
            P(
                "QNG-0024",
                "Cà phê rang xay Thiên Ấn",
                "1.6",
                3,
                58,
                160000,
                90,
                0.5,
                "2025-03",
                "Cà phê Robusta và Arabica rang mộc, xay vừa cho phin. Túi 500 g.",
                "Robusta and Arabica coffee, plain-roasted and medium-ground for the phin "
                "filter. 500 g bag.",
            ),
            P(
                "QNG-0025",
                "Nước cốt tỏi đen",
                "2.2",
                3,
                56,
                95000,
                60,
                0.3,
                "2025-10",
                "Nước cốt chiết từ tỏi đen, uống liền, không đường hóa học. Chai 250 ml.",
                "Ready-to-drink black garlic extract with no artificial sweetener. 250 ml bottle.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-che-bien-thuy-san-tinh-ky",
        name="HTX Chế biến Thủy sản Tịnh Kỳ",
        legal_type="cooperative",
        district=QUANG_NGAI_CITY,
        commune=21190,  # Xã Tịnh Kỳ
        street_address="Thôn Kỳ Xuyên",
        representative="Phan Văn Tám",
        founded_year=2012,
        phone="0255 3673 145",
        story="Cảng cá Sa Kỳ là nơi tàu mực cập bến; hợp tác xã phơi, sấy mực và làm chả cá "
        "cho bà con ngư dân.",
        story_en="Squid boats land at Sa Kỳ fishing port; the cooperative dries squid and "
        "makes fish cakes for the fishing families.",
        products=(
            P(
                "QNG-0026",
                "Mực khô Sa Kỳ",
                "1.3",
                3,
                63,
                850000,
                40,
                0.5,
                "2024-06",
                "Mực ống câu đêm, phơi khô tự nhiên, thơm ngọt. Túi 500 g.",
                "Night-caught squid, naturally sun-dried, sweet and aromatic. 500 g bag.",
            ),
            P(
                "QNG-0027",
                "Chả cá thu Sa Kỳ",
                "1.3",
                3,
                57,
                160000,
                70,
                0.5,
                "2025-07",
                "Chả cá thu tươi quết nhuyễn, chiên sẵn. Gói 500 g, bảo quản lạnh.",
                "Fresh mackerel cakes, finely pounded and fried. 500 g pack, keep chilled.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-nong-nghiep-tinh-khe",
        name="HTX Nông nghiệp Tịnh Khê",
        legal_type="cooperative",
        district=QUANG_NGAI_CITY,
        commune=21211,  # Xã Tịnh Khê
        street_address="Thôn Mỹ Lai",
        representative="Đỗ Thị Mai",
        founded_year=2009,
        phone="0255 3843 371",
        story="Trên đất cát Tịnh Khê, xã viên trồng rau má, hành và chế biến thành trà, gia vị.",
        story_en="On the sandy soil of Tịnh Khê, members grow pennywort and shallots and turn "
        "them into tea and seasonings.",
        products=(
            P(
                "QNG-0028",
                "Trà rau má Tịnh Khê",
                "1.5",
                3,
                55,
                65000,
                120,
                0.2,
                "2024-11",
                "Rau má sấy lạnh, hãm như trà, mát và thanh nhiệt. Hộp 20 túi lọc.",
                "Cold-dried pennywort brewed like tea, cooling and refreshing. Box of 20 tea bags.",
            ),
            P(
                "QNG-0029",
                "Hành phi Tịnh Khê",
                "1.4",
                3,
                54,
                55000,
                150,
                0.2,
                "2025-07",
                "Hành tím phi giòn vàng, thơm, rắc lên cháo, phở, cơm tấm. Hũ 200 g.",
                "Crisp golden fried shallots for congee, noodle soups and broken rice. 200 g jar.",
            ),
        ),
    ),
    DemoProducer(
        slug="co-so-banh-it-la-gai-nghia-dung",
        name="Cơ sở Bánh ít lá gai Nghĩa Dũng",
        legal_type="household",
        district=QUANG_NGAI_CITY,
        commune=21034,  # Xã Nghĩa Dũng
        street_address="Thôn 3",
        representative="Võ Thị Lan",
        founded_year=2003,
        phone="0935 402 718",
        story="Bánh ít lá gai gói lá chuối, nhân đậu xanh dừa, làm theo đơn đặt hàng mỗi ngày.",
        story_en="Ramie-leaf sticky rice cakes wrapped in banana leaf with mung bean and "
        "coconut filling, made to order every day.",
        products=(
            P(
                "QNG-0030",
                "Bánh ít lá gai Quảng Ngãi",
                "1.3",
                3,
                55,
                60000,
                100,
                0.5,
                "2025-10",
                "Bánh nếp đen óng từ lá gai, nhân đậu xanh và dừa, gói lá chuối. Chục 10 cái.",
                "Glossy black sticky rice cakes coloured with ramie leaf, filled with mung bean "
                "and coconut. Pack of 10.",
            ),
        ),
    ),
    DemoProducer(
        slug="hkd-bo-mot-nang-co-ba",
        name="Hộ kinh doanh Bò một nắng Cô Ba",
        legal_type="household",
        district=QUANG_NGAI_CITY,
        commune=21028,  # Phường Nghĩa Lộ
        street_address="Số 45 đường Nguyễn Công Phương",
        representative="Trần Thị Ba",
        founded_year=2012,
        phone="0905 883 164",
        story="Cô Ba chọn thịt bò bắp, tẩm ướp và phơi đúng một nắng trên sân thượng nhà mình.",
        story_en="Cô Ba picks beef shank, marinates it and dries it for exactly one day of sun "
        "on her rooftop.",
        products=(
            P(
                "QNG-0031",
                "Bò một nắng Cô Ba",
                "1.3",
                3,
                57,
                320000,
                60,
                0.5,
                "2025-03",
                "Thịt bò tẩm muối ớt phơi một nắng, nướng than chấm muối kiến vàng. Túi 500 g.",
                "Beef marinated with salt and chilli and sun-dried for one day; grill and dip "
                "in ant salt. 500 g pack.",
            ),
        ),
    ),
    # --- Trà Bồng: 5 producers, 11 products -------------------------------------------------
    DemoProducer(
        slug="que-tra-bong",
        name="Công ty Cổ phần Quế Trà Bồng",
        legal_type="enterprise",
        district=TRA_BONG,
        commune=21115,  # Thị trấn Trà Xuân
        street_address="Số 12 đường Trần Hưng Đạo",
        representative="Hồ Văn Quang",
        founded_year=2013,
        phone="0255 3866 519",
        story="Quế Trà Bồng (quế Quảng) nổi tiếng với hàm lượng tinh dầu cao. Công ty thu mua "
        "quế của đồng bào Cor và chưng cất, chế biến ngay tại vùng trồng.",
        story_en="Trà Bồng cinnamon (Quảng cinnamon) is famous for its high oil content. The "
        "company buys bark from Cor growers and distils and processes it where it grows.",
        products=(
            P(
                "QNG-0032",
                "Tinh dầu quế Trà Bồng",
                "3.3",
                4,
                80,
                180000,
                150,
                0.1,
                "2025-07",
                "Tinh dầu chưng cất từ vỏ và lá quế Trà Bồng, thơm ấm, dùng xông, khử mùi. "
                "Chai 50 ml.",
                "Essential oil distilled from Trà Bồng cinnamon bark and leaves; warm scent "
                "for diffusers and freshening. 50 ml bottle.",
            ),
            P(
                "QNG-0033",
                "Quế ống Trà Bồng",
                "1.4",
                3,
                67,
                95000,
                200,
                0.5,
                "2024-06",
                "Vỏ quế cuộn ống phơi khô, cay ngọt, dày dầu. Túi 500 g.",
                "Dried, rolled cinnamon quills, sweet-spicy and rich in oil. 500 g bag.",
            ),
            P(
                "QNG-0034",
                "Bột quế Trà Bồng",
                "1.4",
                3,
                63,
                70000,
                180,
                0.2,
                "2024-08",
                "Bột quế xay mịn từ vỏ quế Trà Bồng, dùng làm bánh, pha đồ uống. Hũ 200 g.",
                "Finely ground Trà Bồng cinnamon for baking and drinks. 200 g jar.",
            ),
            P(
                "QNG-0035",
                "Trà quế túi lọc Trà Bồng",
                "1.5",
                3,
                60,
                65000,
                140,
                0.1,
                "2025-03",
                "Trà xanh phối quế Trà Bồng, hương ấm. Hộp 25 túi lọc.",
                "Green tea blended with Trà Bồng cinnamon, warmly fragrant. Box of 25 tea bags.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-nong-lam-nghiep-tra-binh",
        name="HTX Nông lâm nghiệp Trà Bình",
        legal_type="cooperative",
        district=TRA_BONG,
        commune=21127,  # Xã Trà Bình
        street_address="Thôn Bình Tân",
        representative="Đinh Văn Lực",
        founded_year=2016,
        phone="0255 3867 302",
        story="Hợp tác xã của các hộ trồng quế, làm thêm đồ thủ công từ quế để tăng thu nhập.",
        story_en="A cooperative of cinnamon growers who also craft cinnamon goods to add to "
        "their income.",
        products=(
            P(
                "QNG-0036",
                "Quế thanh Trà Bình",
                "1.4",
                3,
                58,
                85000,
                160,
                0.5,
                "2024-11",
                "Quế cắt thanh đều, cạo vỏ ngoài, dùng nấu ăn hay pha trà. Túi 500 g.",
                "Evenly cut, scraped cinnamon sticks for cooking or tea. 500 g bag.",
            ),
            P(
                "QNG-0037",
                "Túi thơm quế Trà Bồng",
                "4.1",
                3,
                56,
                45000,
                200,
                0.1,
                "2025-10",
                "Túi vải thổ cẩm Cor đựng vụn quế, treo tủ, xe hơi cho thơm lâu.",
                "Cor brocade sachets filled with cinnamon chips, to hang in wardrobes or cars "
                "for a lasting scent.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-du-lich-cong-dong-tra-xinh",
        name="HTX Du lịch cộng đồng Trà Xinh",
        legal_type="cooperative",
        district=TRA_BONG,
        commune=21163,  # Xã Trà Xinh
        street_address="Làng Trà Xinh, thôn Tang",
        representative="Hồ Thị Liên",
        founded_year=2020,
        phone="0975 114 286",
        story="Người Cor ở Trà Xinh đón khách về làng: ở nhà sàn, ăn cơm lam, xem múa cồng "
        "chiêng và đi rừng quế.",
        story_en="The Cor people of Trà Xinh welcome visitors to their village: stilt-house "
        "stays, bamboo-tube rice, gong dances and walks through the cinnamon forest.",
        products=(
            P(
                "QNG-0038",
                "Du lịch cộng đồng làng Cor Trà Xinh",
                "6.1",
                3,
                60,
                350000,
                40,
                None,
                "2025-07",
                "Một ngày ở làng Cor: đi rừng quế, nấu cơm lam, thưởng thức cồng chiêng. Giá "
                "cho một người, gồm bữa trưa.",
                "A day in a Cor village: cinnamon forest walk, bamboo-tube rice, gong music. "
                "Price per person, lunch included.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-nong-nghiep-tra-phong",
        name="HTX Nông nghiệp Trà Phong",
        legal_type="cooperative",
        district=TRA_BONG,
        commune=21154,  # Xã Trà Phong
        street_address="Thôn Trà Lạc",
        representative="Đinh Văn Thanh",
        founded_year=2018,
        phone="0255 3869 041",
        story="Xã viên nuôi ong dưới tán rừng quế và hái chè xanh trên đồi.",
        story_en="Members keep bees under the cinnamon trees and pick green tea on the hills.",
        products=(
            P(
                "QNG-0039",
                "Mật ong hoa quế Trà Phong",
                "1.2",
                3,
                62,
                280000,
                90,
                0.7,
                "2024-08",
                "Mật ong nuôi dưới tán rừng quế, màu hổ phách, thoảng hương quế. Chai 500 ml.",
                "Honey from hives under the cinnamon forest, amber with a hint of cinnamon. "
                "500 ml bottle.",
            ),
            P(
                "QNG-0040",
                "Chè xanh Trà Phong",
                "1.5",
                3,
                55,
                60000,
                110,
                0.2,
                "2025-10",
                "Chè búp xanh vùng đồi Trà Phong, sao tay, nước xanh, vị chát dịu. Gói 200 g.",
                "Hand-roasted green tea buds from the Trà Phong hills; green liquor, gently "
                "astringent. 200 g pack.",
            ),
        ),
    ),
    DemoProducer(
        slug="co-so-tinh-dau-que-tra-hiep",
        name="Cơ sở Tinh dầu quế Trà Hiệp",
        legal_type="household",
        district=TRA_BONG,
        commune=21124,  # Xã Trà Hiệp
        street_address="Thôn Trà Ong",
        representative="Hồ Văn Bốn",
        founded_year=2015,
        phone="0868 205 943",
        story="Lò chưng cất nhỏ của gia đình, làm dầu xoa bóp và xà phòng từ tinh dầu quế.",
        story_en="A small family still that makes massage oil and soap from cinnamon oil.",
        products=(
            P(
                "QNG-0041",
                "Dầu xoa bóp quế Trà Hiệp",
                "3.3",
                3,
                57,
                75000,
                120,
                0.05,
                "2025-03",
                "Dầu xoa từ tinh dầu quế, gừng và sả, làm ấm cơ, giảm mỏi. Chai 30 ml.",
                "Rub of cinnamon, ginger and lemongrass oils that warms and soothes tired "
                "muscles. 30 ml bottle.",
            ),
            P(
                "QNG-0042",
                "Xà phòng quế thủ công",
                "3.2",
                3,
                55,
                45000,
                150,
                0.1,
                "2025-10",
                "Xà phòng dầu dừa nấu lạnh với tinh dầu quế Trà Bồng. Bánh 100 g.",
                "Cold-process coconut oil soap with Trà Bồng cinnamon oil. 100 g bar.",
            ),
        ),
    ),
    # --- Lý Sơn: 2 producers, 5 products (no communes in the pre-2025 data) ------------------
    DemoProducer(
        slug="htx-dich-vu-tong-hop-an-hai",
        name="HTX Dịch vụ tổng hợp An Hải Lý Sơn",
        legal_type="cooperative",
        district=LY_SON,
        commune=None,
        street_address="Thôn Tây An Hải",
        representative="Phạm Thị Hạnh",
        founded_year=2013,
        phone="0255 3867 786",
        story="Trên đảo Lý Sơn, tỏi và hành được trồng trên cát trắng phủ lớp đất núi lửa. "
        "Hợp tác xã bao tiêu tỏi, hành cho nông dân và đưa khách tham quan đảo.",
        story_en="On Lý Sơn island, garlic and shallots grow in white sand laid over volcanic "
        "soil. The cooperative buys its farmers' crops and shows visitors around the island.",
        products=(
            P(
                "QNG-0043",
                "Tỏi cô đơn Lý Sơn",
                "1.2",
                4,
                74,
                220000,
                120,
                0.5,
                "2025-07",
                "Tỏi một tép trồng trên cát núi lửa đảo Lý Sơn, cay nồng, thơm lâu; ngâm mật "
                "ong hay ăn sống đều ngon. Túi 500 g.",
                "Single-clove garlic grown in the volcanic sand of Lý Sơn island, pungent and "
                "long-lasting; steep it in honey or eat it raw. 500 g bag.",
                first_issue=(3, 67, "2024-08"),
            ),
            P(
                "QNG-0044",
                "Hành tím Lý Sơn",
                "1.2",
                3,
                63,
                90000,
                150,
                1.0,
                "2024-08",
                "Hành tím đảo Lý Sơn củ nhỏ, chắc, thơm, để lâu không hỏng. Túi 1 kg.",
                "Small, firm, fragrant Lý Sơn shallots that keep well. 1 kg bag.",
            ),
            P(
                "QNG-0045",
                "Du lịch cộng đồng An Hải – Lý Sơn",
                "6.1",
                3,
                62,
                450000,
                30,
                None,
                "2025-10",
                "Một ngày cùng người dân An Hải: thăm ruộng tỏi, cổng Tò Vò, chùa Hang, ăn "
                "gỏi tỏi và hải sản. Giá cho một người.",
                "A day with An Hải villagers: garlic fields, the Tò Vò arch, Hang pagoda, "
                "garlic salad and seafood. Price per person.",
            ),
        ),
    ),
    DemoProducer(
        slug="co-so-toi-den-dao-lon",
        name="Cơ sở sản xuất Tỏi đen Đảo Lớn",
        legal_type="household",
        district=LY_SON,
        commune=None,
        street_address="Thôn Đông An Vĩnh",
        representative="Nguyễn Văn Hùng",
        founded_year=2017,
        phone="0976 553 820",
        story="Cơ sở ủ tỏi Lý Sơn thành tỏi đen và ngâm rượu tỏi theo cách người đảo.",
        story_en="The workshop ages Lý Sơn garlic into black garlic and steeps garlic liquor "
        "the islanders' way.",
        products=(
            P(
                "QNG-0046",
                "Tỏi đen Lý Sơn",
                "1.3",
                3,
                64,
                350000,
                80,
                0.5,
                "2024-11",
                "Tỏi Lý Sơn nhiều tép ủ thành tỏi đen, dẻo, ngọt, không hăng. Hộp 500 g.",
                "Multi-clove Lý Sơn garlic aged into soft, sweet, mellow black garlic. 500 g box.",
            ),
            P(
                "QNG-0047",
                "Tỏi Lý Sơn",
                "1.2",
                3,
                61,
                150000,
                120,
                0.5,
                "2025-07",
                "Tỏi nhiều tép trồng trên cát núi lửa đảo Lý Sơn, củ nhỏ, vị cay nồng và thơm đặc "
                "trưng. Túi 500 g.",
                "Multi-clove garlic grown on the volcanic sand of Lý Sơn island: small bulbs with a "
                "sharp, fragrant bite. 500 g bag.",
            ),
        ),
    ),
    # --- Bình Sơn: 2 producers, 3 products --------------------------------------------------
    DemoProducer(
        slug="htx-thuy-san-binh-chau",
        name="HTX Thủy sản Bình Châu",
        legal_type="cooperative",
        district=BINH_SON,
        commune=21112,  # Xã Bình Châu
        street_address="Thôn Châu Thuận Biển",
        representative="Nguyễn Tấn Lực",
        founded_year=2010,
        phone="0255 3620 458",
        story="Làng biển Bình Châu ở cửa Sa Cần, nổi tiếng cá cơm và nước mắm nhĩ.",
        story_en="The fishing village of Bình Châu at the Sa Cần estuary is known for anchovy "
        "and first-press fish sauce.",
        products=(
            P(
                "QNG-0048",
                "Nước mắm cá cơm Bình Châu",
                "1.4",
                3,
                61,
                85000,
                140,
                0.6,
                "2024-06",
                "Nước mắm nhĩ cá cơm than, màu cánh gián, đạm cao. Chai 500 ml.",
                "First-press anchovy fish sauce, deep amber and rich in protein. 500 ml bottle.",
            ),
            P(
                "QNG-0049",
                "Cá cơm sấy Bình Châu",
                "1.3",
                3,
                57,
                130000,
                90,
                0.5,
                "2025-03",
                "Cá cơm tươi luộc nước muối, sấy khô; rim, chiên giòn hay nấu canh. Túi 500 g.",
                "Fresh anchovy boiled in brine and dried; simmer, deep-fry or add to soups. "
                "500 g bag.",
            ),
        ),
    ),
    DemoProducer(
        slug="co-so-ruou-nep-binh-trung",
        name="Cơ sở Rượu nếp Bình Trung",
        legal_type="household",
        district=BINH_SON,
        commune=21082,  # Xã Bình Trung
        street_address="Thôn Thọ Trung",
        representative="Lê Văn Mười",
        founded_year=2006,
        phone="0914 770 326",
        story="Rượu nếp nấu bằng men lá, chưng cất hai lần, hạ thổ trong chum sành.",
        story_en="Glutinous rice liquor made with leaf yeast, double-distilled and aged "
        "underground in stoneware jars.",
        products=(
            P(
                "QNG-0050",
                "Rượu nếp Bình Sơn",
                "2.1",
                3,
                56,
                120000,
                100,
                0.75,
                "2025-10",
                "Rượu nếp men lá, êm, thơm mùi nếp mới. Chai 500 ml, 35% vol.",
                "Leaf-yeast glutinous rice liquor, smooth, smelling of new rice. 500 ml, 35% vol.",
            ),
        ),
    ),
    # --- Tư Nghĩa: 2 producers, 3 products --------------------------------------------------
    DemoProducer(
        slug="thuc-pham-la-ha",
        name="Công ty TNHH Thực phẩm La Hà",
        legal_type="enterprise",
        district=TU_NGHIA,
        commune=21235,  # Thị trấn La Hà
        street_address="Số 210 đường Phạm Văn Đồng",
        representative="Nguyễn Thị Thu",
        founded_year=2015,
        phone="0255 3845 903",
        story="Xưởng bánh tráng sữa tự động hóa một phần, giữ công thức gạo, sữa, mè của vùng "
        "La Hà.",
        story_en="A partly mechanised workshop that keeps La Hà's rice, milk and sesame "
        "recipe for milk rice crackers.",
        products=(
            P(
                "QNG-0051",
                "Bánh tráng sữa La Hà",
                "1.3",
                3,
                59,
                42000,
                220,
                0.5,
                "2024-11",
                "Bánh tráng gạo pha sữa và mè, nướng phồng, giòn, béo nhẹ. Gói 10 cái.",
                "Rice crackers made with milk and sesame that puff up crisp and lightly rich "
                "when grilled. Pack of 10.",
            ),
        ),
    ),
    DemoProducer(
        slug="co-so-keo-guong-song-ve",
        name="Cơ sở Kẹo gương Sông Vệ",
        legal_type="household",
        district=TU_NGHIA,
        commune=21238,  # Thị trấn Sông Vệ
        street_address="Tổ dân phố 4",
        representative="Huỳnh Thị Liễu",
        founded_year=1995,
        phone="0905 177 642",
        story="Gia đình làm kẹo bên chợ Sông Vệ đã ba mươi năm, vẫn kéo kẹo bằng tay.",
        story_en="The family has made sweets beside Sông Vệ market for thirty years and still "
        "pulls the candy by hand.",
        products=(
            P(
                "QNG-0052",
                "Kẹo gương Sông Vệ",
                "1.3",
                3,
                57,
                42000,
                180,
                0.25,
                "2024-06",
                "Kẹo gương truyền thống chợ Sông Vệ, giòn, thơm mạch nha. Hộp 250 g.",
                "Traditional Sông Vệ market mirror candy, crisp and fragrant with malt. 250 g box.",
            ),
            P(
                "QNG-0053",
                "Kẹo đậu phộng Sông Vệ",
                "1.3",
                3,
                54,
                38000,
                160,
                0.25,
                "2025-07",
                "Kẹo đậu phộng mạch nha và gừng, cắt thanh. Hộp 250 g.",
                "Peanut brittle with malt syrup and ginger, cut into bars. 250 g box.",
            ),
        ),
    ),
    # --- Nghĩa Hành: 1 producer, 2 products -------------------------------------------------
    DemoProducer(
        slug="co-so-nem-chua-cho-chua",
        name="Cơ sở Nem chua Chợ Chùa",
        legal_type="household",
        district=NGHIA_HANH,
        commune=21364,  # Thị trấn Chợ Chùa
        street_address="Tổ dân phố Phú Châu",
        representative="Trương Thị Hai",
        founded_year=1990,
        phone="0255 3863 228",
        story="Nem chợ Chùa gói lá chùm ruột, lá chuối, nổi tiếng từ thời ông bà.",
        story_en="Chợ Chùa fermented pork rolls, wrapped in gooseberry and banana leaves, have "
        "been famous since our grandparents' time.",
        products=(
            P(
                "QNG-0054",
                "Nem chua Chợ Chùa",
                "1.3",
                3,
                60,
                60000,
                120,
                0.3,
                "2024-08",
                "Nem thịt heo lên men chua tự nhiên, gói lá chùm ruột, ăn kèm tỏi ớt. Chục 10 cái.",
                "Naturally soured pork rolls wrapped in gooseberry leaves, eaten with garlic "
                "and chilli. Pack of 10.",
            ),
            P(
                "QNG-0055",
                "Tré Chợ Chùa",
                "1.3",
                3,
                55,
                70000,
                90,
                0.3,
                "2025-03",
                "Tré làm từ tai, thịt heo trộn thính, riềng, tỏi, bó rơm. Cây 300 g.",
                "Pork ear and meat tossed with toasted rice powder, galangal and garlic, "
                "bound in straw. 300 g roll.",
            ),
        ),
    ),
    # --- Sơn Hà: 2 producers, 3 products ----------------------------------------------------
    DemoProducer(
        slug="htx-nong-lam-nghiep-son-ha",
        name="HTX Nông lâm nghiệp Sơn Hà",
        legal_type="cooperative",
        district=SON_HA,
        commune=21322,  # Xã Sơn Thủy
        street_address="Thôn Nước Lăng",
        representative="Đinh Văn Sơn",
        founded_year=2017,
        phone="0255 3868 145",
        story="Đồng bào Hrê ở Sơn Hà nuôi ong rừng và trồng sắn dây trên nương.",
        story_en="The Hrê people of Sơn Hà keep forest bees and grow kudzu in their hill fields.",
        products=(
            P(
                "QNG-0056",
                "Mật ong rừng Sơn Hà",
                "1.2",
                3,
                60,
                260000,
                80,
                0.7,
                "2024-11",
                "Mật ong khai thác từ rừng đầu nguồn sông Rin, sánh đặc, thơm hoa rừng. Chai "
                "500 ml.",
                "Honey gathered in the forests at the source of the Rin river, thick and "
                "scented with wild flowers. 500 ml bottle.",
            ),
            P(
                "QNG-0057",
                "Bột sắn dây Sơn Hà",
                "1.3",
                3,
                55,
                90000,
                100,
                0.5,
                "2025-10",
                "Bột sắn dây lọc nhiều lần, trắng mịn, pha nước uống giải nhiệt. Túi 500 g.",
                "Kudzu starch, washed many times, fine and white; stir into water for a "
                "cooling drink. 500 g bag.",
            ),
        ),
    ),
    DemoProducer(
        slug="hkd-ruou-can-di-lang",
        name="Hộ kinh doanh Rượu cần Di Lăng",
        legal_type="household",
        district=SON_HA,
        commune=21289,  # Thị trấn Di Lăng
        street_address="Tổ dân phố Gò Da",
        representative="Đinh Thị Mai",
        founded_year=2011,
        phone="0972 634 118",
        story="Rượu cần ủ từ gạo, sắn và men lá rừng theo cách của người Hrê.",
        story_en="Jar wine brewed from rice, cassava and forest-leaf yeast, the Hrê way.",
        products=(
            P(
                "QNG-0058",
                "Rượu cần Sơn Hà",
                "2.1",
                3,
                55,
                250000,
                50,
                2.0,
                "2024-06",
                "Ché rượu cần ủ men lá rừng, uống bằng cần tre trong ngày hội. Ché 2 lít.",
                "A jar of rice wine brewed with forest-leaf yeast, drunk through bamboo straws "
                "at festivals. 2 litre jar.",
            ),
        ),
    ),
    # --- Đức Phổ (incl. Sa Huỳnh): 2 producers, 3 products ----------------------------------
    DemoProducer(
        slug="nuoc-mam-sa-huynh",
        name="Công ty Cổ phần Nước mắm Sa Huỳnh",
        legal_type="enterprise",
        district=DUC_PHO,
        commune=21478,  # Phường Phổ Thạnh
        street_address="Tổ dân phố Thạnh Đức 1, Sa Huỳnh",
        representative="Trần Văn Phúc",
        founded_year=2004,
        phone="0255 3860 339",
        story="Nước mắm Sa Huỳnh được ủ từ cá cơm than đánh bắt ở vùng biển Sa Huỳnh với muối "
        "của chính đồng muối Sa Huỳnh.",
        story_en="Sa Huỳnh fish sauce is fermented from anchovy caught off Sa Huỳnh with salt "
        "from Sa Huỳnh's own salt fields.",
        products=(
            P(
                "QNG-0059",
                "Nước mắm Sa Huỳnh 40 độ đạm",
                "1.4",
                4,
                75,
                135000,
                200,
                0.6,
                "2025-03",
                "Nước mắm nhĩ Sa Huỳnh 40 độ đạm, ủ chượp 15 tháng trong thùng gỗ bời lời. "
                "Chai thủy tinh 500 ml.",
                "Sa Huỳnh first-press fish sauce at 40 °N, fermented for 15 months in wooden "
                "vats. 500 ml glass bottle.",
            ),
            P(
                "QNG-0060",
                "Nước mắm cá cơm Sa Huỳnh",
                "1.4",
                3,
                66,
                95000,
                220,
                0.6,
                "2024-08",
                "Nước mắm cá cơm truyền thống Sa Huỳnh, 30 độ đạm, dùng chấm và nêm. Chai 500 ml.",
                "Traditional Sa Huỳnh anchovy fish sauce at 30 °N for dipping and cooking. "
                "500 ml bottle.",
            ),
        ),
    ),
    DemoProducer(
        slug="htx-muoi-sa-huynh",
        name="HTX Sản xuất Muối Sa Huỳnh",
        legal_type="cooperative",
        district=DUC_PHO,
        commune=21478,  # Phường Phổ Thạnh
        street_address="Đồng muối Sa Huỳnh, tổ dân phố Long Thạnh 1",
        representative="Huỳnh Văn Ba",
        founded_year=1998,
        phone="0255 3860 512",
        story="Diêm dân Sa Huỳnh làm muối phơi nước trên nền đất sét, hạt muối trắng, ít đắng.",
        story_en="Sa Huỳnh salt-makers evaporate seawater on clay beds for white, barely "
        "bitter salt.",
        products=(
            P(
                "QNG-0061",
                "Muối Sa Huỳnh",
                "1.4",
                3,
                58,
                25000,
                300,
                1.0,
                "2024-11",
                "Muối hạt sạch đồng muối Sa Huỳnh, rửa và sấy, dùng muối dưa, làm nước mắm. "
                "Túi 1 kg.",
                "Clean sea salt from the Sa Huỳnh salt fields, washed and dried, for pickling "
                "and fish sauce. 1 kg bag.",
            ),
        ),
    ),
)


SHOWROOMS = (
    {
        "slug": "trung-tam-ocop-quang-ngai",
        "name": "Trung tâm giới thiệu và bán sản phẩm OCOP tỉnh Quảng Ngãi",
        "district": QUANG_NGAI_CITY,
        "commune": 21013,  # Phường Trần Phú
        "street_address": "Số 96 đường Hùng Vương",
        "phone": "0255 3822 468",
        "opening_hours": "7:30–21:00 hằng ngày",
        "operator": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Quảng Ngãi",
    },
    {
        "slug": "diem-ocop-mo-duc",
        "name": "Điểm giới thiệu sản phẩm OCOP huyện Mộ Đức",
        "district": MO_DUC,
        "commune": 21400,  # Thị trấn Mộ Đức
        "street_address": "Quốc lộ 1A, tổ dân phố 1",
        "phone": "0255 3856 022",
        "opening_hours": "7:00–18:00, thứ Hai – Chủ nhật",
        "operator": "HTX Nông nghiệp Đức Lân",
    },
    {
        "slug": "diem-ocop-tra-bong",
        "name": "Điểm giới thiệu sản phẩm OCOP huyện Trà Bồng",
        "district": TRA_BONG,
        "commune": 21115,  # Thị trấn Trà Xuân
        "street_address": "Số 5 đường Trần Hưng Đạo",
        "phone": "0255 3866 101",
        "opening_hours": "7:30–17:30, thứ Hai – thứ Bảy",
        "operator": "Công ty Cổ phần Quế Trà Bồng",
    },
    {
        "slug": "diem-ocop-ly-son",
        "name": "Điểm bán sản phẩm OCOP đảo Lý Sơn",
        "district": LY_SON,
        "commune": None,
        "street_address": "Khu cảng Lý Sơn, thôn Đông",
        "phone": "0255 3867 600",
        "opening_hours": "6:30–19:00 hằng ngày",
        "operator": "HTX Dịch vụ tổng hợp An Hải Lý Sơn",
    },
    {
        "slug": "diem-ocop-sa-huynh",
        "name": "Gian hàng OCOP Sa Huỳnh",
        "district": DUC_PHO,
        "commune": 21478,  # Phường Phổ Thạnh
        "street_address": "Quốc lộ 1A, khu phố Long Thạnh 2",
        "phone": "0255 3860 700",
        "opening_hours": "7:00–20:00 hằng ngày",
        "operator": "Công ty Cổ phần Nước mắm Sa Huỳnh",
    },
)


def tax_code(index: int) -> str:
    """A stable 10-digit tax code for the ``index``-th producer (Quảng Ngãi codes start 43)."""
    return f"430{(1_234_567 + index * 7_654_321) % 10_000_000:07d}"


def all_products():
    for producer in PRODUCERS:
        yield from ((producer, product) for product in producer.products)
