META
key;value
description;Municipal PB in Testowo
country;Poland
unit;Testowo
instance;2024
num_projects;4
num_votes;5
budget;100.0
vote_type;approval
rule;greedy
date_begin;01.05.2024
date_end;31.05.2024
min_length;1
max_length;3
currency;PLN
PROJECTS
project_id;cost;votes;name;category;selected
1;60;2;"Park; with a ""quote""";environment;0
2;40;3;Library;culture,education;1
3;40;2;Bike path;transport;1
4;15;0;Nobody's;transport;0
VOTES
voter_id;vote;age
10;1;34
11;1,2;51
12;2,3;19
13;2,3;77
14;;40
