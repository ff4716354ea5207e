-- Category option combos for ethnic minority (dân tộc thiểu số) crossed with level and sex. V6
-- mapped ethnicity alone, but some indicators are always broken down by level (the trained
-- delegates, cadres, collaborators and committee members), so a data value set by ethnicMinority
-- had no code for their rows and answered 422; so had by=ethnicMinority,sex for any indicator.
-- Keys are sorted (ethnicMinority, level, sex), as the service builds them.
insert into dhis2_category_option_combo (indicator_code, disaggregation, code) values
    (null, 'ethnicMinority=true;level=province',               'BDG_ETHNIC_MINORITY_LEVEL_PROVINCE'),
    (null, 'ethnicMinority=true;level=district',               'BDG_ETHNIC_MINORITY_LEVEL_DISTRICT'),
    (null, 'ethnicMinority=true;level=commune',                'BDG_ETHNIC_MINORITY_LEVEL_COMMUNE'),
    (null, 'ethnicMinority=true;sex=female',                   'BDG_ETHNIC_MINORITY_FEMALE'),
    (null, 'ethnicMinority=true;sex=male',                     'BDG_ETHNIC_MINORITY_MALE'),
    (null, 'ethnicMinority=true;level=province;sex=female',    'BDG_ETHNIC_MINORITY_LEVEL_PROVINCE_FEMALE'),
    (null, 'ethnicMinority=true;level=province;sex=male',      'BDG_ETHNIC_MINORITY_LEVEL_PROVINCE_MALE'),
    (null, 'ethnicMinority=true;level=district;sex=female',    'BDG_ETHNIC_MINORITY_LEVEL_DISTRICT_FEMALE'),
    (null, 'ethnicMinority=true;level=district;sex=male',      'BDG_ETHNIC_MINORITY_LEVEL_DISTRICT_MALE'),
    (null, 'ethnicMinority=true;level=commune;sex=female',     'BDG_ETHNIC_MINORITY_LEVEL_COMMUNE_FEMALE'),
    (null, 'ethnicMinority=true;level=commune;sex=male',       'BDG_ETHNIC_MINORITY_LEVEL_COMMUNE_MALE'),
    (null, 'ethnicMinority=false;level=province',              'BDG_ETHNIC_MAJORITY_LEVEL_PROVINCE'),
    (null, 'ethnicMinority=false;level=district',              'BDG_ETHNIC_MAJORITY_LEVEL_DISTRICT'),
    (null, 'ethnicMinority=false;level=commune',               'BDG_ETHNIC_MAJORITY_LEVEL_COMMUNE'),
    (null, 'ethnicMinority=false;sex=female',                  'BDG_ETHNIC_MAJORITY_FEMALE'),
    (null, 'ethnicMinority=false;sex=male',                    'BDG_ETHNIC_MAJORITY_MALE'),
    (null, 'ethnicMinority=false;level=province;sex=female',   'BDG_ETHNIC_MAJORITY_LEVEL_PROVINCE_FEMALE'),
    (null, 'ethnicMinority=false;level=province;sex=male',     'BDG_ETHNIC_MAJORITY_LEVEL_PROVINCE_MALE'),
    (null, 'ethnicMinority=false;level=district;sex=female',   'BDG_ETHNIC_MAJORITY_LEVEL_DISTRICT_FEMALE'),
    (null, 'ethnicMinority=false;level=district;sex=male',     'BDG_ETHNIC_MAJORITY_LEVEL_DISTRICT_MALE'),
    (null, 'ethnicMinority=false;level=commune;sex=female',    'BDG_ETHNIC_MAJORITY_LEVEL_COMMUNE_FEMALE'),
    (null, 'ethnicMinority=false;level=commune;sex=male',      'BDG_ETHNIC_MAJORITY_LEVEL_COMMUNE_MALE');
