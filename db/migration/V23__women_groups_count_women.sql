-- The indicators of the groups of women (women People's Council delegates, women cadres in the
-- planning pipeline) count women only. A man entered in such a group (nothing stops a registrar
-- from choosing the wrong group) was counted among the women trained and in the coverage
-- denominator; he is an entry error, not a woman trained, and the definitions now say so.
-- Reports submitted earlier keep the definitions they were submitted with.
update indicator set
    filter_sex = 'female',
    definition_vi = replace(replace(definition_vi, 'Số người khác nhau', 'Số phụ nữ khác nhau'),
        'Trong số người đã đăng ký', 'Trong số phụ nữ đã đăng ký')
        || ' Người có giới tính ghi khác nữ trong nhóm này là lỗi nhập liệu, không được tính.',
    definition_en = replace(replace(definition_en, 'Distinct persons', 'Distinct women'),
        'Of the persons registered', 'Of the women registered')
        || ' A person of another recorded sex in this group is an entry error and is not counted.'
where code in ('women_council_delegates_trained', 'women_cadres_pipeline_trained', 'women_cadres_pipeline_coverage');
