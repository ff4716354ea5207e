-- Reference catalogues: course kinds, topics, target groups, ethnic groups, and the 63
-- provinces / centrally-run cities as they were before 1 July 2025.
-- Plain PostgreSQL, UTF-8, NFC. Fresh tables: plain INSERTs.

-- ---------------------------------------------------------------------------------------------
-- Kinds of capacity-building event (seen in the provincial plans and reports).
insert into course_kind (code, name_vi, name_en, sort_order) values
    ('training',        'Tập huấn',                                'Training course',                    10),
    ('refresher',       'Lớp bồi dưỡng',                           'Refresher class',                    20),
    ('workshop',        'Hội thảo',                                'Workshop',                           30),
    ('conference',      'Hội nghị',                                'Conference',                         40),
    ('seminar',         'Tọa đàm, nói chuyện chuyên đề',           'Seminar / thematic talk',            50),
    ('policy_dialogue', 'Đối thoại chính sách',                    'Policy dialogue',                    60),
    ('study_visit',     'Tham quan học tập, trao đổi kinh nghiệm', 'Study visit / experience exchange',  70),
    ('contest',         'Cuộc thi tìm hiểu',                       'Knowledge contest',                  80);

-- ---------------------------------------------------------------------------------------------
-- Topics (wording as in the provincial plans).
insert into topic (code, name_vi, name_en, sort_order) values
    ('gender_knowledge',       'Kiến thức về giới và bình đẳng giới',
                               'Gender knowledge and gender equality (general)',                           10),
    ('gender_mainstreaming',   'Lồng ghép vấn đề bình đẳng giới trong hoạch định và thực thi chính sách',
                               'Gender mainstreaming in policy making and implementation',                20),
    ('gender_statistics',      'Thống kê, báo cáo số liệu tách biệt giới',
                               'Sex-disaggregated statistics and reporting',                              30),
    ('gbv_prevention',         'Phòng ngừa, ứng phó với bạo lực trên cơ sở giới',
                               'Prevention of and response to gender-based violence',                     40),
    ('leadership_women',       'Kỹ năng lãnh đạo, quản lý cho cán bộ nữ, nữ đại biểu Hội đồng nhân dân',
                               'Leadership and management skills for women cadres and women People''s Council delegates', 50),
    ('communication_media',    'Kỹ năng truyền thông về bình đẳng giới cho phóng viên, biên tập viên',
                               'Communication skills on gender equality for reporters and editors',       60),
    ('labour_code_gender',     'Nội dung về bình đẳng giới trong Bộ luật Lao động năm 2019',
                               'Gender equality provisions of the 2019 Labour Code',                      70),
    ('business_gender_policy', 'Chính sách, pháp luật về bình đẳng giới đối với doanh nghiệp',
                               'Gender equality policy and law for businesses',                           80),
    ('state_management_ge',    'Quản lý nhà nước về bình đẳng giới',
                               'State management of gender equality',                                     90);

-- ---------------------------------------------------------------------------------------------
-- Target groups (đối tượng), wording as in the provincial plans.
insert into target_group (code, name_vi, name_en, sort_order) values
    ('ge_officials',                'Cán bộ làm công tác quản lý nhà nước về bình đẳng giới',
                                    'Officials in state management of gender equality',                   10),
    ('justice_officials',           'Cán bộ tư pháp',
                                    'Justice officials',                                                  20),
    ('inspectors',                  'Cán bộ thanh tra',
                                    'Inspectors',                                                         30),
    ('committee_advancement_women', 'Thành viên Ban Vì sự tiến bộ của phụ nữ các cấp',
                                    'Members of the Committees for the Advancement of Women (all levels)', 40),
    ('labour_social_commune',       'Cán bộ làm công tác Lao động - Xã hội cấp xã',
                                    'Commune labour and social affairs officials',                        50),
    ('commune_collaborators',       'Cộng tác viên cấp xã',
                                    'Commune collaborators',                                              60),
    ('volunteers_propagandists',    'Tình nguyện viên, tuyên truyền viên, báo cáo viên',
                                    'Volunteers, propagandists and rapporteurs',                          70),
    ('women_leaders',               'Nữ lãnh đạo, quản lý các cấp',
                                    'Women leaders and managers',                                         80),
    ('women_cadres_pipeline',       'Cán bộ nữ trong diện quy hoạch',
                                    'Women cadres in the leadership planning pipeline',                   90),
    ('women_council_delegates',     'Nữ đại biểu Hội đồng nhân dân các cấp',
                                    'Women delegates of People''s Councils (all levels)',                 100),
    ('reporters_editors',           'Phóng viên, biên tập viên',
                                    'Reporters and editors',                                              110),
    ('businesses',                  'Doanh nghiệp',
                                    'Businesses',                                                         120),
    ('teachers_students_youth',     'Giáo viên, học sinh, sinh viên, thanh niên',
                                    'Teachers, pupils, students and youth',                               130),
    ('community_members',           'Người dân tại cộng đồng',
                                    'Community members',                                                  140);

-- ---------------------------------------------------------------------------------------------
-- The 54 ethnic groups, coded by the list issued with Decision 121-TCTK/PPCĐ of 2 March 1979
-- (the list named for the ethnicity field of many national data standards).
-- NOTE: the 2008 list of the statistics office (Decision 1019/QĐ-TCTK), used in its surveys
-- today, numbers some groups differently: e.g. 04 is Hoa here but Mường there, 06 is Mường here
-- but Hoa there. The same two-digit code can therefore mean two different groups, which is
-- why every row records code_list; a code from the 2008 list must be translated, never stored
-- as if it came from this list.
-- name_vi follows the 1979 list's hyphenated style; name_en is the Latin spelling, with the
-- common English exonym in brackets where one is established.
insert into ethnicity (code, code_list, name_vi, name_en, is_minority, sort_order) values
    ('01', '121-TCTK/PPCĐ', 'Kinh',         'Kinh',                false,  1),
    ('02', '121-TCTK/PPCĐ', 'Tày',          'Tay',                 true,   2),
    ('03', '121-TCTK/PPCĐ', 'Thái',         'Thai',                true,   3),
    ('04', '121-TCTK/PPCĐ', 'Hoa',          'Hoa (Chinese)',       true,   4),
    ('05', '121-TCTK/PPCĐ', 'Khơ-me',       'Khmer',               true,   5),
    ('06', '121-TCTK/PPCĐ', 'Mường',        'Muong',               true,   6),
    ('07', '121-TCTK/PPCĐ', 'Nùng',         'Nung',                true,   7),
    ('08', '121-TCTK/PPCĐ', 'Hmông',        'Hmong',               true,   8),
    ('09', '121-TCTK/PPCĐ', 'Dao',          'Dao',                 true,   9),
    ('10', '121-TCTK/PPCĐ', 'Gia-rai',      'Gia Rai (Jarai)',     true,  10),
    ('11', '121-TCTK/PPCĐ', 'Ngái',         'Ngai',                true,  11),
    ('12', '121-TCTK/PPCĐ', 'Ê-đê',         'E De (Rhade)',        true,  12),
    ('13', '121-TCTK/PPCĐ', 'Ba-na',        'Ba Na (Bahnar)',      true,  13),
    ('14', '121-TCTK/PPCĐ', 'Xơ-đăng',      'Xo Dang (Sedang)',    true,  14),
    ('15', '121-TCTK/PPCĐ', 'Sán Chay',     'San Chay',            true,  15),
    ('16', '121-TCTK/PPCĐ', 'Cơ-ho',        'Co Ho (Koho)',        true,  16),
    ('17', '121-TCTK/PPCĐ', 'Chăm',         'Cham',                true,  17),
    ('18', '121-TCTK/PPCĐ', 'Sán Dìu',      'San Diu',             true,  18),
    ('19', '121-TCTK/PPCĐ', 'Hrê',          'Hre',                 true,  19),
    ('20', '121-TCTK/PPCĐ', 'Mnông',        'Mnong',               true,  20),
    ('21', '121-TCTK/PPCĐ', 'Ra-glai',      'Raglai',              true,  21),
    ('22', '121-TCTK/PPCĐ', 'Xtiêng',       'Xtieng (Stieng)',     true,  22),
    ('23', '121-TCTK/PPCĐ', 'Bru-Vân Kiều', 'Bru-Van Kieu',        true,  23),
    ('24', '121-TCTK/PPCĐ', 'Thổ',          'Tho',                 true,  24),
    ('25', '121-TCTK/PPCĐ', 'Giáy',         'Giay',                true,  25),
    ('26', '121-TCTK/PPCĐ', 'Cơ-tu',        'Co Tu (Katu)',        true,  26),
    ('27', '121-TCTK/PPCĐ', 'Gié-Triêng',   'Gie Trieng',          true,  27),
    ('28', '121-TCTK/PPCĐ', 'Mạ',           'Ma',                  true,  28),
    ('29', '121-TCTK/PPCĐ', 'Khơ-mú',       'Kho Mu (Khmu)',       true,  29),
    ('30', '121-TCTK/PPCĐ', 'Co',           'Co',                  true,  30),
    ('31', '121-TCTK/PPCĐ', 'Tà-ôi',        'Ta Oi',               true,  31),
    ('32', '121-TCTK/PPCĐ', 'Chơ-ro',       'Cho Ro',              true,  32),
    ('33', '121-TCTK/PPCĐ', 'Kháng',        'Khang',               true,  33),
    ('34', '121-TCTK/PPCĐ', 'Xinh-mun',     'Xinh Mun',            true,  34),
    ('35', '121-TCTK/PPCĐ', 'Hà Nhì',       'Ha Nhi',              true,  35),
    ('36', '121-TCTK/PPCĐ', 'Chu-ru',       'Chu Ru',              true,  36),
    ('37', '121-TCTK/PPCĐ', 'Lào',          'Lao',                 true,  37),
    ('38', '121-TCTK/PPCĐ', 'La Chí',       'La Chi',              true,  38),
    ('39', '121-TCTK/PPCĐ', 'La Ha',        'La Ha',               true,  39),
    ('40', '121-TCTK/PPCĐ', 'Phù Lá',       'Phu La',              true,  40),
    ('41', '121-TCTK/PPCĐ', 'La Hủ',        'La Hu',               true,  41),
    ('42', '121-TCTK/PPCĐ', 'Lự',           'Lu',                  true,  42),
    ('43', '121-TCTK/PPCĐ', 'Lô Lô',        'Lo Lo',               true,  43),
    ('44', '121-TCTK/PPCĐ', 'Chứt',         'Chut',                true,  44),
    ('45', '121-TCTK/PPCĐ', 'Mảng',         'Mang',                true,  45),
    ('46', '121-TCTK/PPCĐ', 'Pà Thẻn',      'Pa Then',             true,  46),
    ('47', '121-TCTK/PPCĐ', 'Cờ Lao',       'Co Lao',              true,  47),
    ('48', '121-TCTK/PPCĐ', 'Cống',         'Cong',                true,  48),
    ('49', '121-TCTK/PPCĐ', 'Bố Y',         'Bo Y',                true,  49),
    ('50', '121-TCTK/PPCĐ', 'Si La',        'Si La',               true,  50),
    ('51', '121-TCTK/PPCĐ', 'Pu Péo',       'Pu Peo',              true,  51),
    ('52', '121-TCTK/PPCĐ', 'Brâu',         'Brau',                true,  52),
    ('53', '121-TCTK/PPCĐ', 'Ơ Đu',         'O Du',                true,  53),
    ('54', '121-TCTK/PPCĐ', 'Rơ-măm',       'Ro Mam',              true,  54);

-- ---------------------------------------------------------------------------------------------
-- The 63 provinces and centrally-run cities before the reorganisation of 1 July 2025, with the
-- statistics office's two-digit codes. Names are the full official names in force on
-- 30 June 2025, spelt as in the statistics office's list (hence "Hoà Bình" but "Thanh Hóa",
-- "Khánh Hòa"; the accent-free name_key makes either spelling searchable). Code 46 has been
-- "Thành phố Huế" since 1 January 2025 (Resolution 175/2024/QH15); it was "Tỉnh Thừa Thiên
-- Huế" before.
-- valid_from is unknown here and valid_to / successor_code are deliberately left null: the
-- 2025 mergers are loaded by operators with the import-units CSV command, not encoded here.
insert into admin_unit (code, name, level) values
    ('01', 'Thành phố Hà Nội',          'province'),
    ('02', 'Tỉnh Hà Giang',             'province'),
    ('04', 'Tỉnh Cao Bằng',             'province'),
    ('06', 'Tỉnh Bắc Kạn',              'province'),
    ('08', 'Tỉnh Tuyên Quang',          'province'),
    ('10', 'Tỉnh Lào Cai',              'province'),
    ('11', 'Tỉnh Điện Biên',            'province'),
    ('12', 'Tỉnh Lai Châu',             'province'),
    ('14', 'Tỉnh Sơn La',               'province'),
    ('15', 'Tỉnh Yên Bái',              'province'),
    ('17', 'Tỉnh Hoà Bình',             'province'),
    ('19', 'Tỉnh Thái Nguyên',          'province'),
    ('20', 'Tỉnh Lạng Sơn',             'province'),
    ('22', 'Tỉnh Quảng Ninh',           'province'),
    ('24', 'Tỉnh Bắc Giang',            'province'),
    ('25', 'Tỉnh Phú Thọ',              'province'),
    ('26', 'Tỉnh Vĩnh Phúc',            'province'),
    ('27', 'Tỉnh Bắc Ninh',             'province'),
    ('30', 'Tỉnh Hải Dương',            'province'),
    ('31', 'Thành phố Hải Phòng',       'province'),
    ('33', 'Tỉnh Hưng Yên',             'province'),
    ('34', 'Tỉnh Thái Bình',            'province'),
    ('35', 'Tỉnh Hà Nam',               'province'),
    ('36', 'Tỉnh Nam Định',             'province'),
    ('37', 'Tỉnh Ninh Bình',            'province'),
    ('38', 'Tỉnh Thanh Hóa',            'province'),
    ('40', 'Tỉnh Nghệ An',              'province'),
    ('42', 'Tỉnh Hà Tĩnh',              'province'),
    ('44', 'Tỉnh Quảng Bình',           'province'),
    ('45', 'Tỉnh Quảng Trị',            'province'),
    ('46', 'Thành phố Huế',             'province'),
    ('48', 'Thành phố Đà Nẵng',         'province'),
    ('49', 'Tỉnh Quảng Nam',            'province'),
    ('51', 'Tỉnh Quảng Ngãi',           'province'),
    ('52', 'Tỉnh Bình Định',            'province'),
    ('54', 'Tỉnh Phú Yên',              'province'),
    ('56', 'Tỉnh Khánh Hòa',            'province'),
    ('58', 'Tỉnh Ninh Thuận',           'province'),
    ('60', 'Tỉnh Bình Thuận',           'province'),
    ('62', 'Tỉnh Kon Tum',              'province'),
    ('64', 'Tỉnh Gia Lai',              'province'),
    ('66', 'Tỉnh Đắk Lắk',              'province'),
    ('67', 'Tỉnh Đắk Nông',             'province'),
    ('68', 'Tỉnh Lâm Đồng',             'province'),
    ('70', 'Tỉnh Bình Phước',           'province'),
    ('72', 'Tỉnh Tây Ninh',             'province'),
    ('74', 'Tỉnh Bình Dương',           'province'),
    ('75', 'Tỉnh Đồng Nai',             'province'),
    ('77', 'Tỉnh Bà Rịa - Vũng Tàu',    'province'),
    ('79', 'Thành phố Hồ Chí Minh',     'province'),
    ('80', 'Tỉnh Long An',              'province'),
    ('82', 'Tỉnh Tiền Giang',           'province'),
    ('83', 'Tỉnh Bến Tre',              'province'),
    ('84', 'Tỉnh Trà Vinh',             'province'),
    ('86', 'Tỉnh Vĩnh Long',            'province'),
    ('87', 'Tỉnh Đồng Tháp',            'province'),
    ('89', 'Tỉnh An Giang',             'province'),
    ('91', 'Tỉnh Kiên Giang',           'province'),
    ('92', 'Thành phố Cần Thơ',         'province'),
    ('93', 'Tỉnh Hậu Giang',            'province'),
    ('94', 'Tỉnh Sóc Trăng',            'province'),
    ('95', 'Tỉnh Bạc Liêu',             'province'),
    ('96', 'Tỉnh Cà Mau',               'province');
