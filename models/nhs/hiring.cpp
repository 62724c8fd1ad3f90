// The job market for leaders (loop 7): who is on it (fresh candidates and the
// pool of dismissed managers), how a trust screens them (the fit-and-proper
// test: competence, conduct and a dismissal record), and where a dismissed
// leader goes (back to the pool, or barred by strike-off).
#include <cmath>

#include "models/nhs/formulas.hpp"
#include "models/nhs/processes.hpp"
#include "sim/core/distributions.hpp"

namespace candour::models::nhs {

namespace {

// Draw slots within one hiring attempt, so each quantity keeps its own numbers.
enum HireSlot : std::uint32_t { kSource, kCompetence, kStyle, kConduct, kTest, kSlotsPerTry };
// Candidates a trust may turn down before it must appoint: a post is never
// left empty, and the fit-and-proper test screens at most this many. Fixed
// as a bound on the draws per hire; the test's strictness is the lever.
constexpr int kMaxTries = 5;

// Chance the screen finds that a candidate from the pool was dismissed:
// references alone rarely show it; mandatory references and the database do.
double record_detection(const Params& p) {
  double found = p.history_detection_references;
  if (p.mandatory_references != 0)
    found = std::max(found, p.conduct_detection_mandatory);
  if (p.manager_database != 0)
    found = std::max(found, p.history_detection_database);
  return found;
}

// Chance the screen finds a candidate's misconduct (bullying, silencing
// concerns) that never led to a dismissal: only what references disclose.
double conduct_detection(const Params& p) {
  return p.mandatory_references != 0 ? p.conduct_detection_mandatory
                                     : p.conduct_detection_references;
}

}  // namespace

Candidate screened_candidate(const CandidateMarket& market, const Params& p,
                             const sim::RandomStream& stream, std::uint64_t step, std::uint64_t id,
                             std::uint32_t first_slot) {
  Candidate c;
  for (int attempt = 0; attempt < kMaxTries; ++attempt) {
    const auto base = first_slot + static_cast<std::uint32_t>(attempt) * kSlotsPerTry;
    auto source = stream.rng(step, id, base + kSource);
    c.recycled = sim::uniform(source) < market.recycled_share;
    auto comp = stream.rng(step, id, base + kCompetence);
    c.competence =
        sim::beta_mean(comp, c.recycled ? market.pool_competence : market.fresh_competence,
                       kCompetenceConcentration);
    auto sty = stream.rng(step, id, base + kStyle);
    c.style = sim::beta_mean(sty, market.style_mean, kStyleConcentration);
    auto conduct = stream.rng(step, id, base + kConduct);
    c.misconduct =
        sim::uniform(conduct) < (c.recycled ? market.pool_misconduct : p.misconduct_rate);
    if (p.fit_and_proper <= 0 || attempt == kMaxTries - 1)
      break;  // no test, or the post must be filled
    auto test = stream.rng(step, id, base + kTest);
    const double read_competence = c.competence + sim::normal(test, 0.0, p.test_noise);
    const double u_strict = sim::uniform(test), u_found = sim::uniform(test);
    // The screen covers conduct as well as competence (Kark): a dismissal on
    // record, or a history of misconduct that references or the database reveal.
    const bool fails_standard = read_competence < p.competence_standard;
    const bool conduct_found = (c.recycled && u_found < record_detection(p)) ||
                               (c.misconduct && u_found < conduct_detection(p));
    if (!((fails_standard || conduct_found) && u_strict < p.fit_and_proper))
      break;
  }
  return c;
}

void dismiss_to_pool(State& s, const Leaders& leaders, std::size_t index, const Params& p) {
  auto& centre = s.centre;
  if (p.strike_off != 0 && leaders.misconduct[index]) {
    ++centre.barred;
    return;
  }
  const double n = centre.pool;
  centre.pool_competence = (n * centre.pool_competence + leaders.competence[index]) / (n + 1.0);
  centre.pool_misconduct = (n * centre.pool_misconduct + leaders.misconduct[index]) / (n + 1.0);
  centre.pool = n + 1.0;
}

void hire_leader(State& s, Leaders& leaders, std::size_t index, std::uint64_t id_offset,
                 std::size_t trust, const Params& p, const Context& c, Day day) {
  auto& centre = s.centre;
  const double fresh = p.candidate_pool * static_cast<double>(s.layout.trusts);
  CandidateMarket market;
  market.recycled_share = centre.pool / (centre.pool + fresh);
  // The able have most to lose where failure is public and accountability
  // personal: fewer of them apply to lead a failing trust (Berwick 2019).
  // A share of the mean, so it stays a valid Beta mean for any parameter in range.
  market.fresh_competence =
      p.competence_mean * (1.0 - p.accountability_deterrence * accountability_exposure(p) *
                                     saturating(s.trusts.alert_score[trust], p.failure_scale));
  market.pool_competence = centre.pool_competence;
  market.pool_misconduct = centre.pool_misconduct;
  // A trust's culture persists through whom it hires.
  market.style_mean = logistic(logit(p.relational_style_mean) - s.trusts.culture[trust]);
  const Candidate hired = screened_candidate(market, p, c.streams.leader_hire,
                                             static_cast<std::uint64_t>(day), id_offset + index);
  if (hired.recycled)
    centre.pool = std::max(0.0, centre.pool - 1.0);
  leaders.competence[index] = hired.competence;
  leaders.style[index] = hired.style;
  leaders.misconduct[index] = hired.misconduct ? 1 : 0;
  leaders.recycled[index] = hired.recycled ? 1 : 0;
  leaders.fear[index] = logistic(logit(p.fear_initial_mean));
  leaders.hired_day[index] = static_cast<std::int32_t>(day);
}

}  // namespace candour::models::nhs
