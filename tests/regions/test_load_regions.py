import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from shop.regions.models import AdministrativeUnit
from shop.regions.services import RegionDataError, detect_scheme, load_regions

FIXTURES = Path(__file__).parent / "fixtures"
PRE_2025 = FIXTURES / "pre2025.json"
FROM_2025 = FIXTURES / "2025.json"

pytestmark = pytest.mark.django_db


def unit(scheme, level, code):
    return AdministrativeUnit.objects.get(scheme=scheme, level=level, code=code)


def snapshot():
    return sorted(
        AdministrativeUnit.objects.values_list(
            "pk",
            "scheme",
            "level",
            "code",
            "name",
            "division_type",
            "codename",
            "parent",
            "province",
        )
    )


def test_scheme_is_detected_from_the_structure():
    assert detect_scheme(json.loads(PRE_2025.read_text())) == "pre2025"
    assert detect_scheme(json.loads(FROM_2025.read_text())) == "2025"
    with pytest.raises(RegionDataError):
        detect_scheme([{"code": 1, "name": "Tỉnh X"}])
    with pytest.raises(RegionDataError):
        detect_scheme([])


def test_pre_2025_file_builds_the_three_level_tree():
    result = load_regions(PRE_2025)

    assert result.scheme == "pre2025"
    assert result.created == {"province": 2, "district": 3, "commune": 3}
    province = unit("pre2025", "province", 51)
    assert province.name == "Tỉnh Quảng Ngãi"
    assert province.province == province
    assert province.parent is None
    mo_duc = unit("pre2025", "district", 533)
    assert (mo_duc.parent, mo_duc.province, mo_duc.short_name) == (province, province, "Mộ Đức")
    duc_nhuan = unit("pre2025", "commune", 21409)
    assert duc_nhuan.parent == mo_duc
    assert duc_nhuan.province == province
    assert duc_nhuan.division_type == "xã"
    assert duc_nhuan.codename == "xa_duc_nhuan"
    assert not unit("pre2025", "district", 536).children.exists()  # Lý Sơn: no communes
    assert set(AdministrativeUnit.objects.values_list("scheme", flat=True)) == {"pre2025"}


def test_2025_file_has_no_districts_and_coexists_with_the_old_tree():
    load_regions(PRE_2025)
    result = load_regions(FROM_2025)

    assert result.scheme == "2025"
    assert result.created == {"province": 2, "commune": 4}
    new_province = unit("2025", "province", 51)
    old_province = unit("pre2025", "province", 51)
    assert new_province != old_province
    ly_son = unit("2025", "commune", 21520)
    assert (ly_son.parent, ly_son.province) == (new_province, new_province)
    assert ly_son.short_name == "Lý Sơn"
    assert not AdministrativeUnit.objects.filter(scheme="2025", level="district").exists()
    # Same official code in both schemes: two distinct units, each in its own tree.
    assert unit("2025", "commune", 21409).name == "Xã Mộ Đức"
    assert unit("pre2025", "commune", 21409).name == "Xã Đức Nhuận"
    assert AdministrativeUnit.objects.filter(scheme="pre2025").count() == 8


def test_second_run_creates_nothing_and_changes_nothing():
    load_regions(PRE_2025)
    load_regions(FROM_2025)
    before = snapshot()

    again = load_regions(PRE_2025)
    again_2025 = load_regions(FROM_2025)

    assert again.total_created == again.total_updated == 0
    assert again_2025.total_created == again_2025.total_updated == 0
    assert sum(again.unchanged.values()) == 8
    assert snapshot() == before


def test_changed_names_are_updated_in_place(tmp_path):
    load_regions(PRE_2025)
    pk = unit("pre2025", "commune", 21409).pk
    data = json.loads(PRE_2025.read_text())
    data[0]["districts"][0]["wards"][1]["name"] = "Xã Đức Nhuận (mới)"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    result = load_regions(changed)

    assert result.total_created == 0
    assert result.updated["commune"] == 1
    assert unit("pre2025", "commune", 21409).pk == pk
    assert unit("pre2025", "commune", 21409).name == "Xã Đức Nhuận (mới)"


def test_province_filter_loads_only_those_provinces():
    load_regions(PRE_2025, province_codes=[62])
    assert list(AdministrativeUnit.objects.provinces().values_list("code", flat=True)) == [62]
    assert AdministrativeUnit.objects.count() == 3


def test_command_reports_counts_and_rejects_bad_input(tmp_path):
    from io import StringIO

    out = StringIO()
    call_command("load_regions", "--json", str(FROM_2025), "--province", "51", stdout=out)
    assert "scheme 2025" in out.getvalue()
    assert "commune: 3 created" in out.getvalue()

    with pytest.raises(CommandError, match="No province with code 99"):
        call_command("load_regions", "--json", str(FROM_2025), "--province", "99")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_regions", "--json", str(bad))
    assert AdministrativeUnit.objects.count() == 4  # the failed runs changed nothing


def test_real_package_data_for_quang_ngai():
    result = load_regions(province_codes=[51])

    assert result.scheme == "pre2025"
    province = unit("pre2025", "province", 51)
    assert province.name == "Tỉnh Quảng Ngãi"
    districts = AdministrativeUnit.objects.districts().filter(province=province)
    communes = AdministrativeUnit.objects.communes().filter(province=province)
    assert districts.count() == 13
    assert communes.count() == 173
    assert {d.short_name for d in districts} >= {"Mộ Đức", "Quảng Ngãi", "Trà Bồng", "Lý Sơn"}
    assert not communes.filter(parent__name="Huyện Lý Sơn").exists()
    assert communes.filter(parent__name="Huyện Mộ Đức").count() == 13
