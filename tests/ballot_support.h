// A small valid ballot that tests alter to provoke each problem.
#pragma once
#include <nlohmann/json.hpp>

namespace test {

// £100,000; choose 1-3 of four projects; counted by equal shares.
inline nlohmann::json small_ballot() {
    return nlohmann::json::parse(R"({
  "format": "pb-ballot", "format_version": 1, "id": "parks-2027", "version": 1, "languages": ["en", "cy"],
  "council": {"en": "Testshire Council", "cy": "Cyngor Swydd Prawf"},
  "title": {"en": "Parks fund", "cy": "Cronfa parciau"},
  "budget": 100000, "ballot": {"type": "approval", "min_projects": 1, "max_projects": 3},
  "counting": "equal-shares", "results_public": true,
  "opens_at": "2027-03-01T09:00:00Z", "closes_at": "2027-03-15T17:00:00Z",
  "projects": [
    {"id": "benches", "name": {"en": "Benches", "cy": "Meinciau"}, "cost": 20000, "category": "parks"},
    {"id": "play", "name": {"en": "Play area", "cy": "Ardal chwarae"}, "cost": "60000.50"},
    {"id": "trees", "name": {"en": "Trees", "cy": "Coed"}, "cost": 30000,
     "description": {"en": "Fifty street trees", "cy": "Hanner cant o goed stryd"}},
    {"id": "lights", "name": {"en": "Lights", "cy": "Goleuadau"}, "cost": 45000}
  ]
})");
}

}  // namespace test
