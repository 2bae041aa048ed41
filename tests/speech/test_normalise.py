"""Vietnamese text normalisation for speech: each case compared with its exact spoken form.
Pure: no database, no app."""

from __future__ import annotations

import unicodedata

import pytest

from media.speech.abbreviations import BUILTIN
from media.speech.normalise import normalise
from media.speech.vi_numbers import spell_int

CASES = [
    ('date_slash', '08/02/2022',
     'ngày tám tháng hai năm hai nghìn không trăm hai mươi hai'),
    ('date_short', '8/2/2022',
     'ngày tám tháng hai năm hai nghìn không trăm hai mươi hai'),
    ('date_dash', '08-02-2022',
     'ngày tám tháng hai năm hai nghìn không trăm hai mươi hai'),
    ('date_dots', 'ngày 31.12.2024',
     'ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi tư'),
    ('date_after_ngay_no_repeat', 'từ 01/7/2025',
     'từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm'),
    ('month_year', 'tháng 2/2022',
     'tháng hai năm hai nghìn không trăm hai mươi hai'),
    ('month_april_year', 'tháng 4/2024',
     'tháng tư năm hai nghìn không trăm hai mươi tư'),
    ('year', 'năm 2025',
     'năm hai nghìn không trăm hai mươi lăm'),
    ('year_1975', 'năm 1975',
     'năm một nghìn chín trăm bảy mươi lăm'),
    ('day_month', 'ngày 1/7',
     'ngày một tháng bảy'),
    ('month_word', 'vào tháng 4',
     'vào tháng tư'),
    ('month_12', 'tháng 12',
     'tháng mười hai'),
    ('date_in_words', 'Gio Linh, ngày 08 tháng 02 năm 2022',
     'Gio Linh, ngày tám tháng hai năm hai nghìn không trăm hai mươi hai'),
    ('time_h', '7h30',
     'bảy giờ ba mươi phút'),
    ('time_colon', 'họp lúc 07:30.',
     'họp lúc bảy giờ ba mươi phút.'),
    ('time_giờ', '19 giờ',
     'mười chín giờ'),
    ('time_h_only', '19h',
     'mười chín giờ'),
    ('time_range', 'từ 7h30 đến 11h00',
     'từ bảy giờ ba mươi phút đến mười một giờ'),
    ('time_and_date', 'lúc 14h00 ngày 20/11/2025',
     'lúc mười bốn giờ ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi lăm'),
    ('pct_decimal', '95,2%',
     'chín mươi lăm phẩy hai phần trăm'),
    ('pct_two_decimals', 'Tỷ lệ hồ sơ đúng hạn đạt 98,75%',
     'Tỷ lệ hồ sơ đúng hạn đạt chín mươi tám phẩy bảy mươi lăm phần trăm'),
    ('pct_int', 'tăng 12%',
     'tăng mười hai phần trăm'),
    ('thousands_dot', '1.202',
     'một nghìn hai trăm linh hai'),
    ('thousands_and_decimal', '1.202,9',
     'một nghìn hai trăm linh hai phẩy chín'),
    ('decimal_leading_zero', '0,05',
     'không phẩy không năm'),
    ('decimal_pi', '3,14',
     'ba phẩy mười bốn'),
    ('count', 'cấp CCCD cho 3.500 người',
     'cấp căn cước công dân cho ba nghìn năm trăm người'),
    ('money_dong', '50.000 đồng',
     'năm mươi nghìn đồng'),
    ('money_d', '50.000đ',
     'năm mươi nghìn đồng'),
    ('money_ty', '1,5 tỷ đồng',
     'một phẩy năm tỷ đồng'),
    ('money_trieu', '2 triệu đồng',
     'hai triệu đồng'),
    ('money_vnd_accent', '100.000 VNĐ',
     'một trăm nghìn đồng'),
    ('money_vnd', 'Mức thu 20.000 VND',
     'Mức thu hai mươi nghìn đồng'),
    ('money_millions', 'Lệ phí 1.500.000 đồng',
     'Lệ phí một triệu năm trăm nghìn đồng'),
    ('money_ti_spelling', 'ngân sách 2,5 tỉ đồng',
     'ngân sách hai phẩy năm tỷ đồng'),
    ('doc_kh', '23/KH-UBND',
     'số hai mươi ba, kế hoạch, ủy ban nhân dân'),
    ('doc_so_colon', 'Số: 23/KH-UBND',
     'Số hai mươi ba, kế hoạch, ủy ban nhân dân'),
    ('doc_nd_cp', 'Nghị định 49/2024/NĐ-CP',
     'Nghị định số bốn mươi chín, năm hai nghìn không trăm hai mươi tư, nghị định, chính phủ'),
    ('doc_nq_tu', 'Nghị quyết số 01-NQ/TU ngày 04/11/2021',
     'Nghị quyết số một, nghị quyết, tỉnh ủy ngày bốn tháng mười một năm hai nghìn không trăm hai mươi mốt'),
    ('doc_issuer_first', 'Công văn 1273/BTTTT-TTCS, 27/4/2021',
     'Công văn số một nghìn hai trăm bảy mươi ba, bộ thông tin và truyền thông, thông tin cơ sở, ngày hai mươi bảy tháng tư năm hai nghìn không trăm hai mươi mốt'),
    ('doc_qd', 'Quyết định 1234/QĐ-UBND',
     'Quyết định số một nghìn hai trăm ba mươi tư, quyết định, ủy ban nhân dân'),
    ('doc_tb', 'Thông báo 12/TB-VP',
     'Thông báo số mười hai, thông báo, văn phòng'),
    ('doc_ttr', 'Tờ trình 7/TTr-SNV',
     'Tờ trình số bảy, tờ trình, sở nội vụ'),
    ('doc_hd', 'Hướng dẫn 3/HD-HĐND',
     'Hướng dẫn số ba, hướng dẫn, hội đồng nhân dân'),
    ('doc_gm', 'Giấy mời 45/GM-UBND',
     'Giấy mời số bốn mươi lăm, giấy mời, ủy ban nhân dân'),
    ('doc_bc', 'Báo cáo 120/BC-UBND',
     'Báo cáo số một trăm hai mươi, báo cáo, ủy ban nhân dân'),
    ('doc_ct', 'Chỉ thị 05/CT-TTg',
     'Chỉ thị số năm, chỉ thị, thủ tướng chính phủ'),
    ('doc_cv', 'Công văn 88/CV-VP',
     'Công văn số tám mươi tám, công văn, văn phòng'),
    ('abbr_cchc', 'tuyên truyền CCHC để thực hiện tốt Kế hoạch',
     'tuyên truyền cải cách hành chính để thực hiện tốt Kế hoạch'),
    ('abbr_hdnd_ubnd', 'HĐND và UBND huyện',
     'hội đồng nhân dân và ủy ban nhân dân huyện'),
    ('abbr_vh_tt', 'VH-TT xã Gio Mỹ',
     'văn hóa thông tin xã Gio Mỹ'),
    ('abbr_hyphenated', 'Sở TT-TT và SNV',
     'Sở thông tin và truyền thông và sở nội vụ'),
    ('abbr_btttt', 'BTTTT',
     'bộ thông tin và truyền thông'),
    ('unknown_consonants_spelled', 'Ban TT xã',
     'Ban tê tê xã'),
    ('ordinary_words', 'Người dân và doanh nghiệp',
     'Người dân và doanh nghiệp'),
    ('phone_spaces', '0233 3856 123',
     'không hai ba ba, ba tám năm sáu, một hai ba'),
    ('phone_dots', '0914.123.456',
     'không chín một bốn, một hai ba, bốn năm sáu'),
    ('phone_intl', '+84 914 123 456',
     'cộng tám bốn, chín một bốn, một hai ba, bốn năm sáu'),
    ('phone_two', 'Gọi 0233.3856.123 hoặc 0914123456',
     'Gọi không hai ba ba, ba tám năm sáu, một hai ba hoặc không chín một bốn, một hai ba, bốn năm sáu'),
    ('phone_hotline', 'Hotline 1900 1234.',
     'Hotline một chín không không, một hai ba bốn.'),
    ('url_plain', 'dichvucong.gov.vn',
     'dịch vụ công chấm gốp chấm vê en'),
    ('url_www', 'Truy cập www.dichvucong.gov.vn để nộp hồ sơ.',
     'Truy cập vê kép vê kép vê kép chấm dịch vụ công chấm gốp chấm vê en để nộp hồ sơ.'),
    ('url_path', 'https://dichvucong.quangtri.gov.vn/dvc/tthc',
     'dịch vụ công chấm quảng trị chấm gốp chấm vê en gạch chéo dê vê xê gạch chéo tê tê hát xê'),
    ('url_http', 'http://giolinh.quangtri.gov.vn/tin-tuc',
     'gio linh chấm quảng trị chấm gốp chấm vê en gạch chéo tê i en gạch ngang tê u xê'),
    ('email', 'ubnd@giolinh.gov.vn',
     'u bê en dê a còng gio linh chấm gốp chấm vê en'),
    ('email_in_sentence', 'Email: ubndgiolinh@quangtri.gov.vn.',
     'Email: u bê en dê giê i o e lờ i en hát a còng quảng trị chấm gốp chấm vê en.'),
    ('ordinal_2', 'thứ 2',
     'thứ hai'),
    ('ordinal_1', 'thứ 1',
     'thứ nhất'),
    ('ordinal_4', 'thứ 4',
     'thứ tư'),
    ('ordinal_7', 'thứ 7 tuần sau',
     'thứ bảy tuần sau'),
    ('range_years', '2022-2025',
     'hai nghìn không trăm hai mươi hai đến hai nghìn không trăm hai mươi lăm'),
    ('range_small', '2-3 ngày',
     'hai đến ba ngày'),
    ('range_sentence', 'giai đoạn 2021-2030 của Chính phủ.',
     'giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi của Chính phủ.'),
    ('so_5', 'số 5',
     'số năm'),
    ('roman_quy', 'Quý II',
     'Quý hai'),
    ('roman_quy_iv', 'Quý IV năm 2024',
     'Quý bốn năm hai nghìn không trăm hai mươi tư'),
    ('roman_phan', 'Phần III',
     'Phần ba'),
    ('roman_khoa', 'khóa XII',
     'khóa mười hai'),
    ('n0', '0',
     'không'),
    ('n10', '10',
     'mười'),
    ('n11', '11',
     'mười một'),
    ('n14', '14',
     'mười bốn'),
    ('n15', '15',
     'mười lăm'),
    ('n19', '19',
     'mười chín'),
    ('n21', '21',
     'hai mươi mốt'),
    ('n24', '24',
     'hai mươi tư'),
    ('n25', '25',
     'hai mươi lăm'),
    ('n44', '44',
     'bốn mươi tư'),
    ('n51', '51',
     'năm mươi mốt'),
    ('n70', '70',
     'bảy mươi'),
    ('n100', '100',
     'một trăm'),
    ('n101', '101',
     'một trăm linh một'),
    ('n105', '105',
     'một trăm linh năm'),
    ('n110', '110',
     'một trăm mười'),
    ('n205', '205',
     'hai trăm linh năm'),
    ('n1000', '1000',
     'một nghìn'),
    ('n1001', '1001',
     'một nghìn không trăm linh một'),
    ('n1005', '1005',
     'một nghìn không trăm linh năm'),
    ('n1010', '1010',
     'một nghìn không trăm mười'),
    ('n1100', '1100',
     'một nghìn một trăm'),
    ('n2004', '2004',
     'hai nghìn không trăm linh bốn'),
    ('n10000', '10000',
     'mười nghìn'),
    ('n100000', '100000',
     'một trăm nghìn'),
    ('n1000005', '1000005',
     'một triệu không trăm linh năm'),
    ('n999999999', '999999999',
     'chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín'),
    ('n1000000001', '1000000001',
     'một tỷ không trăm linh một'),
    ('n2000000000', '2000000000',
     'hai tỷ'),
    ('n3500000000', '3500000000',
     'ba tỷ năm trăm triệu'),
    ('n1234567891', '1234567891',
     'một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt'),
    ('n_thousand_billion', '1000000000000',
     'một nghìn tỷ'),
    ('code_leading_zeros', '0000',
     'không không không không'),
    ('seed_plan_kh', 'Thực hiện Kế hoạch số 15/KH-UBND ngày 26/01/2022 của UBND tỉnh về Tuyên truyền cải cách hành chính nhà nước trên địa bàn tỉnh Quảng Trị năm 2022',
     'Thực hiện Kế hoạch số mười lăm, kế hoạch, ủy ban nhân dân ngày hai mươi sáu tháng một năm hai nghìn không trăm hai mươi hai của ủy ban nhân dân tỉnh về Tuyên truyền cải cách hành chính nhà nước trên địa bàn tỉnh Quảng Trị năm hai nghìn không trăm hai mươi hai'),
    ('seed_plan_nd', 'theo quy định tại Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính',
     'theo quy định tại Nghị định số sáu mươi ba, năm hai nghìn không trăm mười, nghị định, chính phủ ngày tám tháng sáu năm hai nghìn không trăm mười của Chính phủ về kiểm soát thủ tục hành chính'),
    ('seed_plan_ctr', 'Chương trình hành động số 34/CTr-UBND ngày 15/12/2021 của UBND tỉnh',
     'Chương trình hành động số ba mươi tư, chương trình, ủy ban nhân dân ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi mốt của ủy ban nhân dân tỉnh'),
    ('ampersand', 'Văn phòng HĐND&UBND huyện',
     'Văn phòng hội đồng nhân dân và ủy ban nhân dân huyện'),
    ('ampersand_abbreviation', 'Trung tâm VH&TT-TDTT huyện',
     'Trung tâm văn hóa, thông tin và thể dục thể thao huyện'),
    ('heading_roman', '## **II. NỘI DUNG VÀ HÌNH THỨC TUYÊN TRUYỀN**',
     'hai. NỘI DUNG VÀ HÌNH THỨC TUYÊN TRUYỀN'),
    ('heading_number', '#### **2. Văn phòng HĐND&UBND huyện:**',
     'hai. Văn phòng hội đồng nhân dân và ủy ban nhân dân huyện:'),
    ('signature_tm', '**TM. ỦY BAN NHÂN DÂN**', 'thay mặt ỦY BAN NHÂN DÂN'),
    ('signature_kt', 'KT. CHỦ TỊCH', 'ký thay CHỦ TỊCH'),
    ('closing_mark', 'báo cáo UBND huyện xem xét, quyết định./.',
     'báo cáo ủy ban nhân dân huyện xem xét, quyết định.'),
    ('recipients', '- CT, các PCT UBND huyện;', '- chủ tịch, các phó chủ tịch ủy ban nhân dân huyện;'),
    ('seed_plan_number_heading', 'Số: 23/KH-UBND',
     'Số hai mươi ba, kế hoạch, ủy ban nhân dân'),
    ('seed_plan_level', 'cung cấp dịch vụ công trực tuyến mức độ 3 và mức độ 4',
     'cung cấp dịch vụ công trực tuyến mức độ ba và mức độ bốn'),
    ('seed_plan_period', 'Kế hoạch CCHC giai đoạn 2021-2025, định hướng đến 2030 của tỉnh.',
     'Kế hoạch cải cách hành chính giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm, định hướng đến hai nghìn không trăm ba mươi của tỉnh.'),
    ('seed_plan_months', 'về UBND huyện định kỳ 6 tháng và năm',
     'về ủy ban nhân dân huyện định kỳ sáu tháng và năm'),
    ('mixed_bulletin', 'Từ 7h30 ngày 01/7/2025, Bộ phận TN&TKQ của UBND xã nhận hồ sơ; lệ phí 50.000đ, gọi 0233.3856.123 hoặc xem dichvucong.gov.vn.',
     'Từ bảy giờ ba mươi phút ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm, Bộ phận tiếp nhận và trả kết quả của ủy ban nhân dân xã nhận hồ sơ; lệ phí năm mươi nghìn đồng, gọi không hai ba ba, ba tám năm sáu, một hai ba hoặc xem dịch vụ công chấm gốp chấm vê en.'),
    ('letters_and_digits', 'cúm H5N1', 'cúm H năm N một'),
    ('name_hyphen_number', 'dịch COVID-19', 'dịch COVID mười chín'),
    ('number_against_word', 'trong 8ngày', 'trong tám ngày'),
    ('number_in_brackets', 'khoản (5) Điều 3', 'khoản (năm) Điều ba'),
    ('phone_area_code_in_brackets', '(0233) 3856 123', 'không hai ba ba, ba tám năm sáu, một hai ba'),
    ('date_range_no_year', 'từ 1/7 đến 31/7', 'từ ngày một tháng bảy đến ngày ba mươi mốt tháng bảy'),
    ('date_range', 'từ ngày 01/7 đến 31/7/2025',
     'từ ngày một tháng bảy đến ngày ba mươi mốt tháng bảy năm hai nghìn không trăm hai mươi lăm'),
    ('ratio', 'có 15/20 xã đạt chuẩn', 'có mười lăm trên hai mươi xã đạt chuẩn'),
    ('roman_ordinal', 'Đại hội Đảng lần thứ XIII', 'Đại hội Đảng lần thứ mười ba'),
    ('roman_century', 'thế kỷ XXI', 'thế kỷ hai mươi mốt'),
    ('unit_km', 'đường dài 12 km', 'đường dài mười hai ki lô mét'),
    ('unit_ha_decimal', '3,5 ha lúa', 'ba phẩy năm héc ta lúa'),
    ('unit_square_metres', '50 m2 đất', 'năm mươi mét vuông đất'),
    ('unit_degrees', 'nhiệt độ 38°C', 'nhiệt độ ba mươi tám độ xê'),
    ('unit_rain', 'lượng mưa 150 mm', 'lượng mưa một trăm năm mươi mi li mét'),
    ('unit_usd', 'giá 100 USD', 'giá một trăm đô la Mỹ'),
]


@pytest.mark.parametrize(("text", "spoken"), [(t, s) for _, t, s in CASES],
                         ids=[i for i, _, _ in CASES])
def test_normalise(text, spoken):
    assert normalise(text) == spoken


def test_the_table_is_large_enough_and_ids_are_unique():
    assert len(CASES) >= 60
    assert len({i for i, _, _ in CASES}) == len(CASES)


def test_an_editor_map_replaces_the_built_in_one():
    table = dict(BUILTIN["vi"]) | {"BHXH": "bảo hiểm xã hội", "UBND": "uỷ ban nhân dân xã"}
    assert normalise("BHXH và UBND", table) == "bảo hiểm xã hội và uỷ ban nhân dân xã"
    assert normalise("BHXH và UBND") == "bê hát ích hát và ủy ban nhân dân"


def test_abbreviations_are_whole_words_and_case_sensitive():
    table = {"UB": "ủy ban", "UBND": "ủy ban nhân dân"}
    assert normalise("UBND, UB, ubnd, UBNDX", table) == "ủy ban nhân dân, ủy ban, ubnd, UBNDX"


def test_an_abbreviation_with_digits_is_read_before_the_numbers():
    table = {"F0": "ép không", "H5N1": "cúm A H năm N một", "UBND": "ủy ban nhân dân"}
    assert normalise("UBND theo dõi 12 ca F0 và ổ dịch H5N1", table) == (
        "ủy ban nhân dân theo dõi mười hai ca ép không và ổ dịch cúm A H năm N một")


def test_document_codes_use_the_given_map():
    assert normalise("23/KH-UBXX", {"UBXX": "ủy ban xã"}) == "số hai mươi ba, kế hoạch, ủy ban xã"


def test_output_is_nfc_and_spaces_collapse():
    decomposed = unicodedata.normalize("NFD", "Thông   báo\n ngày 1/7")
    out = normalise(decomposed)
    assert out == "Thông báo ngày một tháng bảy"
    assert unicodedata.is_normalized("NFC", out)


def test_other_digit_characters_never_raise():
    assert normalise("50 m² và 3 km²") == "năm mươi mét vuông và ba ki lô mét vuông"
    assert normalise("mã ١٢ và x²") == "mã ١٢ và x²"


def test_empty_text():
    assert normalise("") == ""
    assert normalise(None) == ""


def test_large_numbers_are_spelled_with_ty():
    assert spell_int(12_345_678_905) == ("mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi "
                                         "tám nghìn chín trăm linh năm")
    assert spell_int(-7) == "âm bảy"
