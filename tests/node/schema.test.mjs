// The JSON Schema and the C++ loader agree: examples pass both; each mutation fails both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const budgets = join(root, 'budgets');
const tool = process.env.BUDGET_TOOL || join(root, 'build', 'native', 'budget-tool', 'budget-tool');
const schema = JSON.parse(readFileSync(join(budgets, 'schema', 'budget.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
const examples = readdirSync(budgets).filter((f) => f.endsWith('.json'));
const tmp = mkdtempSync(join(tmpdir(), 'schema-'));

// Whether budget-tool's loader accepts a document: `validate` for budgets, `pb validate` for ballots.
function loaderAccepts(doc, command = ['validate']) {
  const file = join(tmp, 'doc.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  try { execFileSync(tool, [...command, file], { stdio: 'pipe' }); return true; } catch { return false; }
}

test('there are at least three example budgets', () => assert.ok(examples.length >= 3));

for (const name of examples) {
  test(`${name} passes the schema and the loader`, () => {
    const doc = JSON.parse(readFileSync(join(budgets, name), 'utf8'));
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 1));
    assert.ok(loaderAccepts(doc));
  });
}

const county = () => JSON.parse(readFileSync(join(budgets, 'northmoor-county-2026.json'), 'utf8'));
const mutations = {
  'unknown top-level field': (d) => { d.surprise = 1; },
  'unknown service field': (d) => { d.services[0].colour = 'red'; },
  'unknown kpi field': (d) => { d.kpis[0].colour = 'red'; },
  'bad council kind': (d) => { d.council.kind = 'parish'; },
  'opens_at not a UTC time': (d) => { d.opens_at = '2027-01-05 09:00'; },
  'closes_at with an offset': (d) => { d.closes_at = '2027-01-05T09:00:00+01:00'; },
  'bad risk': (d) => { d.efficiencies[0].risk = 'extreme'; },
  'money with three decimals': (d) => { d.services[0].baseline = '1.001'; },
  'money as a float': (d) => { d.services[0].baseline = 1.5; },
  'locked line with a range': (d) => { d.services.find((s) => s.locked).min_percent = -5; },
  'unlocked line without consequences': (d) => { delete d.services[0].consequences; },
  'bad id': (d) => { d.services[0].id = 'Not An Id'; },
  'wrong format version': (d) => { d.format_version = 2; },
  'english must be a language': (d) => { d.languages = ['cy']; },
  'bad unit': (d) => { d.kpis[0].unit = 'furlongs'; },
  'decimals too many': (d) => { d.kpis[0].decimals = 7; },
};
for (const field of schema.required) {
  mutations[`missing required ${field}`] = (d) => { delete d[field]; };
}
for (const field of schema.properties.services.items.required) {
  mutations[`service missing ${field}`] = (d) => { delete d.services[0][field]; };
}
for (const field of schema.properties.kpis.items.required) {
  mutations[`kpi missing ${field}`] = (d) => { delete d.kpis[0][field]; };
}
for (const [name, mutate] of Object.entries(mutations)) {
  test(`schema and loader both reject: ${name}`, () => {
    const doc = county();
    mutate(doc);
    assert.equal(validate(doc), false, 'schema accepted it');
    assert.equal(loaderAccepts(doc), false, 'loader accepted it');
  });
}

// Ballots: the same agreement, through `budget-tool pb validate`.
const ballotSchema = JSON.parse(readFileSync(join(budgets, 'schema', 'ballot.schema.json'), 'utf8'));
const validateBallot = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(ballotSchema);
const ballotDir = join(budgets, 'ballots');
const ballotExamples = readdirSync(ballotDir).filter((f) => f.endsWith('.json'));

const loaderAcceptsBallot = (doc) => loaderAccepts(doc, ['pb', 'validate']);

test('there is an example ballot', () => assert.ok(ballotExamples.length >= 1));

for (const name of ballotExamples) {
  test(`ballots/${name} passes the schema and the loader`, () => {
    const doc = JSON.parse(readFileSync(join(ballotDir, name), 'utf8'));
    assert.ok(validateBallot(doc), JSON.stringify(validateBallot.errors, null, 1));
    assert.ok(loaderAcceptsBallot(doc));
  });
}

const fund = () => JSON.parse(readFileSync(join(ballotDir, 'bro-tegid-community-fund-2027.json'), 'utf8'));
const ballotMutations = {
  'unknown top-level field': (d) => { d.surprise = 1; },
  'unknown project field': (d) => { d.projects[0].colour = 'red'; },
  'bad counting rule': (d) => { d.counting = 'borda'; },
  'bad ballot type': (d) => { d.ballot.type = 'ranked'; },
  'min share on an approval ballot': (d) => { d.ballot.min_share_percent = 70; },
  'min share above 100': (d) => { d.ballot = { type: 'knapsack', min_share_percent: 120 }; },
  'cost as a float': (d) => { d.projects[0].cost = 1.5; },
  'cost with three decimals': (d) => { d.projects[0].cost = '1.001'; },
  'negative cost': (d) => { d.projects[0].cost = -5; },
  'bad project id': (d) => { d.projects[0].id = 'Not An Id'; },
  'currency not ISO': (d) => { d.currency = 'pounds'; },
  'opens_at not a UTC time': (d) => { d.opens_at = '2027-03-01 09:00'; },
  'no projects': (d) => { d.projects = []; },
  'neither budget nor areas': (d) => { delete d.areas; delete d.budget; d.projects.forEach((p) => delete p.area); },
  'wrong format version': (d) => { d.format_version = 2; },
  'english must be a language': (d) => { d.languages = ['cy']; },
  'meta value not a string': (d) => { d.pabulib_meta = { budget: 5 }; },
};
for (const field of ballotSchema.required) {
  ballotMutations[`missing required ${field}`] = (d) => { delete d[field]; };
}
for (const field of ballotSchema.properties.projects.items.required) {
  ballotMutations[`project missing ${field}`] = (d) => { delete d.projects[0][field]; };
}
for (const [name, mutate] of Object.entries(ballotMutations)) {
  test(`ballot schema and loader both reject: ${name}`, () => {
    const doc = fund();
    mutate(doc);
    assert.equal(validateBallot(doc), false, 'schema accepted it');
    assert.equal(loaderAcceptsBallot(doc), false, 'loader accepted it');
  });
}

// Council profiles: the same agreement, through `budget-tool signals` (exit 1 for a bad profile).
const profileSchema = JSON.parse(readFileSync(join(budgets, 'schema', 'council-profile.schema.json'), 'utf8'));
const validateProfile = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(profileSchema);
const profileDir = join(budgets, 'councils');
const profileExamples = readdirSync(profileDir).filter((f) => f.endsWith('.json'));
const loaderAcceptsProfile = (doc) => loaderAccepts(doc, ['signals']);

test('there is an example council profile for each example budget', () => {
  for (const name of examples) {
    const budget = JSON.parse(readFileSync(join(budgets, name), 'utf8'));
    if (budget.council.profile) assert.ok(profileExamples.includes(`${budget.council.profile}.json`), `${name} names ${budget.council.profile}`);
  }
  assert.ok(profileExamples.length >= 1);
});

for (const name of profileExamples) {
  test(`councils/${name} passes the schema and the loader`, () => {
    const doc = JSON.parse(readFileSync(join(profileDir, name), 'utf8'));
    assert.ok(validateProfile(doc), JSON.stringify(validateProfile.errors, null, 1));
    assert.ok(loaderAcceptsProfile(doc));
  });
}

const northmoor = () => JSON.parse(readFileSync(join(profileDir, 'northmoor-county.json'), 'utf8'));
const profileMutations = {
  'unknown top-level field': (d) => { d.surprise = 1; },
  'unknown finance field': (d) => { d.finance[0].reserves = 5; },
  'money as a float': (d) => { d.finance[0].net_revenue_expenditure = 1.5; },
  'money with three decimals': (d) => { d.finance[0].net_revenue_expenditure = '1.001'; },
  'negative reserves': (d) => { d.finance[0].usable_reserves_earmarked = -1; },
  'a finance year without a source': (d) => { delete d.finance[0].source; },
  'a blank source': (d) => { d.finance[0].source = '  '; },
  'a year not like 2022/23': (d) => { d.finance[0].year = '2022-23'; },
  'a date not like 2023-09-05': (d) => { d.as_of = '31/03/2025'; },
  'unknown event kind': (d) => { d.governance[0].kind = 's115'; },
  'an opinion that is not one': (d) => { d.governance[0].opinion = 'fine'; },
  'an event without a date': (d) => { delete d.governance[3].date; },
  'accounts without a deadline': (d) => { delete d.governance[1].deadline; },
  'a rating that is not one': (d) => { d.governance[4].rating = 'poor'; },
  'a role that is not one': (d) => { d.governance[6].role = 'mayor'; },
  'an unknown threshold': (d) => { d.thresholds = { 'reserves.nothing': { amber: 1 } }; },
  'a negative threshold': (d) => { d.thresholds = { 'debt.to_spending': { amber: -1 } }; },
  'you said with nothing said': (d) => { d.you_said_we_did.you_said = []; },
  'bad kind': (d) => { d.kind = 'parish'; },
  'wrong format version': (d) => { d.format_version = 2; },
};
for (const field of profileSchema.required) profileMutations[`missing required ${field}`] = (d) => { delete d[field]; };
for (const [name, mutate] of Object.entries(profileMutations)) {
  test(`profile schema and loader both reject: ${name}`, () => {
    const doc = northmoor();
    mutate(doc);
    assert.equal(validateProfile(doc), false, 'schema accepted it');
    assert.equal(loaderAcceptsProfile(doc), false, 'loader accepted it');
  });
}
