// Keyed hashes of erased responses' ids, and what was erased of each.
#include "erased_submissions.h"

#include <sodium.h>

namespace server {

std::string ErasedSubmissions::hash(const std::string& budget_id, const std::string& submission_id) const {
    const std::string text = budget_id + '\n' + submission_id;
    unsigned char out[32];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(text.data()), text.size(), key_.data(), key_.size());
    char hex[sizeof out * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

bool ErasedSubmissions::load(storage::OfficerStore& store, std::string& error) {
    std::vector<std::tuple<std::string, std::string, std::string>> rows;
    if (!store.erased(rows, error)) return false;
    for (const auto& [budget, id_hash, scope] : rows)
        add(budget, id_hash, scope == "whole" ? storage::EraseScope::Whole : storage::EraseScope::CommentsAndAnswers);
    return true;
}

void ErasedSubmissions::add(const std::string& budget_id, const std::string& id_hash, storage::EraseScope scope) {
    std::lock_guard<std::mutex> lock(mutex_);
    erased_[budget_id + '\n' + id_hash] = scope;
    any_.store(true);
}

ErasedSubmissions::State ErasedSubmissions::state(const std::string& budget_id, const std::string& submission_id) const {
    if (!any_.load()) return State::Kept;
    const std::string key = budget_id + '\n' + hash(budget_id, submission_id);
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = erased_.find(key);
    if (it == erased_.end()) return State::Kept;
    return it->second == storage::EraseScope::Whole ? State::ErasedWhole : State::CommentsErased;
}

}  // namespace server
