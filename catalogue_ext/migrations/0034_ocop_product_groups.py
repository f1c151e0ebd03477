"""OCOP product group taxonomies as data.

Two sets:

* ``qd-148-2023``: Quyết định 148/QĐ-TTg ngày 24/02/2023 (current). Its annex classifies
  products into six sectors ("ngành"), each split into groups ("nhóm"); they are stored here
  as groups (code "1"…"6") and sub-groups (code "1.1"…). The finer "phân nhóm" level is not
  stored.
* ``qd-1048-2019``: Quyết định 1048/QĐ-TTg ngày 21/08/2019 (the previous set, not current).

Idempotent (get_or_create, names refreshed); reversing deletes both sets.
"""

import datetime

from django.db import migrations

SETS = [
    {
        "code": "qd-148-2023",
        "name": "Quyết định 148/QĐ-TTg (2023)",
        "decision": "148/QĐ-TTg ngày 24/02/2023",
        "effective_from": datetime.date(2023, 2, 24),
        "is_current": True,
        "groups": [
            (
                "1",
                "Thực phẩm",
                "Food",
                False,
                [
                    ("1.1", "Thực phẩm tươi sống", "Fresh food"),
                    ("1.2", "Thực phẩm thô, sơ chế", "Raw and semi-processed food"),
                    ("1.3", "Thực phẩm chế biến", "Processed food"),
                    ("1.4", "Gia vị", "Condiments and spices"),
                    ("1.5", "Chè", "Tea"),
                    ("1.6", "Cà phê, ca cao", "Coffee and cocoa"),
                ],
            ),
            (
                "2",
                "Đồ uống",
                "Beverages",
                False,
                [
                    ("2.1", "Đồ uống có cồn", "Alcoholic beverages"),
                    ("2.2", "Đồ uống không cồn", "Non-alcoholic beverages"),
                ],
            ),
            (
                "3",
                "Dược liệu và sản phẩm từ dược liệu",
                "Medicinal herbs and herbal products",
                False,
                [
                    (
                        "3.1",
                        "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền",
                        "Health supplements, herbal and traditional medicines",
                    ),
                    (
                        "3.2",
                        "Mỹ phẩm có thành phần từ thảo dược",
                        "Cosmetics with herbal ingredients",
                    ),
                    ("3.3", "Tinh dầu và thảo dược khác", "Essential oils and other herbal products"),
                ],
            ),
            (
                "4",
                "Hàng thủ công mỹ nghệ",
                "Handicrafts",
                False,
                [
                    (
                        "4.1",
                        "Thủ công mỹ nghệ gia dụng, trang trí",
                        "Household and decorative handicrafts",
                    ),
                    ("4.2", "Vải, may mặc", "Textiles and garments"),
                ],
            ),
            (
                "5",
                "Sinh vật cảnh",
                "Ornamental plants and animals",
                False,
                [
                    ("5.1", "Hoa", "Flowers"),
                    ("5.2", "Cây cảnh", "Ornamental plants"),
                    ("5.3", "Động vật cảnh", "Ornamental animals"),
                ],
            ),
            (
                "6",
                "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                "Community tourism, eco-tourism services and tourist sites",
                True,
                [
                    (
                        "6.1",
                        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                        "Community tourism, eco-tourism services and tourist sites",
                    ),
                ],
            ),
        ],
    },
    {
        "code": "qd-1048-2019",
        "name": "Quyết định 1048/QĐ-TTg (2019)",
        "decision": "1048/QĐ-TTg ngày 21/08/2019",
        "effective_from": datetime.date(2019, 8, 21),
        "is_current": False,
        "groups": [
            (
                "1",
                "Thực phẩm",
                "Food",
                False,
                [
                    ("1.1", "Thực phẩm tươi sống", "Fresh food"),
                    ("1.2", "Thực phẩm thô, sơ chế", "Raw and semi-processed food"),
                    ("1.3", "Thực phẩm chế biến", "Processed food"),
                    ("1.4", "Gia vị", "Condiments and spices"),
                    ("1.5", "Chè", "Tea"),
                    ("1.6", "Cà phê, ca cao", "Coffee and cocoa"),
                ],
            ),
            (
                "2",
                "Đồ uống",
                "Beverages",
                False,
                [
                    ("2.1", "Đồ uống có cồn", "Alcoholic beverages"),
                    ("2.2", "Đồ uống không cồn", "Non-alcoholic beverages"),
                ],
            ),
            (
                "3",
                "Thảo dược",
                "Herbal products",
                False,
                [
                    (
                        "3.1",
                        "Thực phẩm chức năng, thuốc dược liệu, thuốc Y học cổ truyền",
                        "Health supplements, herbal and traditional medicines",
                    ),
                    ("3.2", "Mỹ phẩm", "Cosmetics"),
                    ("3.3", "Trang thiết bị, dụng cụ y tế", "Medical equipment and devices"),
                    ("3.4", "Thảo dược khác", "Other herbal products"),
                ],
            ),
            (
                "4",
                "Vải và may mặc",
                "Textiles and garments",
                False,
                [("4.1", "Vải, may mặc", "Textiles and garments")],
            ),
            (
                "5",
                "Lưu niệm – nội thất – trang trí",
                "Souvenirs, furniture and decoration",
                False,
                [
                    ("5.1", "Thủ công mỹ nghệ, trang trí", "Decorative handicrafts"),
                    ("5.2", "Thủ công mỹ nghệ gia dụng", "Household handicrafts"),
                ],
            ),
            (
                "6",
                "Dịch vụ du lịch nông thôn, bán hàng",
                "Rural tourism services and sales",
                True,
                [
                    (
                        "6.1",
                        "Dịch vụ du lịch – truyền thống – lễ hội",
                        "Tourism, tradition and festival services",
                    )
                ],
            ),
        ],
    },
]


def _upsert(model, lookup, values):
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    if not created and any(getattr(obj, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(obj, k, v)
        obj.save()
    return obj


def create_sets(apps, schema_editor):
    ProductGroupSet = apps.get_model("catalogue", "ProductGroupSet")
    ProductGroup = apps.get_model("catalogue", "ProductGroup")
    for spec in SETS:
        group_set = _upsert(
            ProductGroupSet,
            {"code": spec["code"]},
            {
                "name": spec["name"],
                "decision": spec["decision"],
                "effective_from": spec["effective_from"],
                "is_current": spec["is_current"],
            },
        )
        for code, name, name_en, is_service, subgroups in spec["groups"]:
            group = _upsert(
                ProductGroup,
                {"group_set": group_set, "code": code},
                {"name": name, "name_en": name_en, "is_service": is_service, "parent": None},
            )
            for sub_code, sub_name, sub_name_en in subgroups:
                _upsert(
                    ProductGroup,
                    {"group_set": group_set, "code": sub_code},
                    {
                        "name": sub_name,
                        "name_en": sub_name_en,
                        "is_service": is_service,
                        "parent": group,
                    },
                )


def delete_sets(apps, schema_editor):
    ProductGroupSet = apps.get_model("catalogue", "ProductGroupSet")
    ProductGroup = apps.get_model("catalogue", "ProductGroup")
    codes = [spec["code"] for spec in SETS]
    # Sub-groups first: groups are protected by certificates only, not by their children.
    ProductGroup.objects.filter(group_set__code__in=codes, parent__isnull=False).delete()
    ProductGroup.objects.filter(group_set__code__in=codes).delete()
    ProductGroupSet.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0033_ocop_certification"),
    ]

    operations = [
        migrations.RunPython(create_sets, delete_sets),
    ]
