-- The indicators always broken down by level say which level (V16): that of the unit the person had
-- for the course, kept with the enrollment, so that a move after a course does not change it.
-- Reports submitted earlier keep the definitions they were submitted with.
update indicator set
    definition_vi = replace(replace(definition_vi,
        'theo cấp của đơn vị hành chính của người đó.', 'theo cấp của đơn vị hành chính của người đó khi dự lớp.'),
        ', theo cấp.', ', theo cấp của đơn vị hành chính của người đó khi dự lớp.'),
    definition_en = replace(replace(definition_en,
        'by the level of their administrative unit.', 'by the level of the administrative unit they had for the course.'),
        ', by level.', ', by the level of the administrative unit they had for the course.')
where code in ('women_council_delegates_trained', 'women_cadres_pipeline_trained', 'commune_collaborators_trained',
               'committee_members_trained');
