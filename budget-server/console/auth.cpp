// Passwords, session ids, CSRF tokens and the sign-in throttle (see auth.h).
#include "auth.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "forms.h"

// Marks words shown to people (the console translates them through its catalogue).
#define N_(english) english

namespace server::console {

namespace {

// The console's key (CSRF tokens, the throttle's hashes): random until set_console_key gives the one
// derived from the server's secret, before any request.
std::array<unsigned char, crypto_generichash_KEYBYTES>& console_key() {
    static auto key = [] {
        std::array<unsigned char, crypto_generichash_KEYBYTES> k{};
        randombytes_buf(k.data(), k.size());
        return k;
    }();
    return key;
}
const unsigned char* process_key() { return console_key().data(); }

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Common choices that meet the length rule, and words that with digits or symbols after them do.
constexpr std::string_view kCommon[] = {
    "password1234", "password12345", "password123456", "passwordpassword", "123456789012", "1234567890123",
    "12345678901234", "qwertyuiop12", "qwertyuiop123", "qwertyuiopasdf", "1q2w3e4r5t6y", "1qaz2wsx3edc",
    "aaaaaaaaaaaa", "abcdefghijkl", "abc123abc123", "iloveyou1234", "letmeinletmein", "welcome12345",
    "administrator", "administrator1", "changeme1234", "qwerty123456", "football1234", "monkey123456",
    "correcthorsebatterystaple", "trustno1trustno1", "princess1234", "sunshine1234", "passw0rd1234",
    "p@ssw0rd1234", "p@ssword1234", "superman1234", "starwars1234", "dragon123456", "master123456"};
constexpr std::string_view kCommonStems[] = {"password", "passw0rd", "p@ssw0rd", "qwerty", "letmein", "welcome", "admin",
                                             "council", "changeme", "iloveyou", "abc123", "123456", "officer"};

}  // namespace

bool start_crypto() { return sodium_init() >= 0; }

std::string password_problem(std::string_view name, std::string_view password) {
    if (password.find('\n') != std::string_view::npos || password.find('\r') != std::string_view::npos)
        return N_("a password is one line");
    if (code_points(password) < 12) return N_("a password needs at least 12 characters");
    if (password.size() > 1024) return N_("a password is at most 1024 bytes");
    const std::string p = lower_ascii(password);
    if (p == lower_ascii(name)) return N_("a password cannot be the officer's name");
    for (std::string_view c : kCommon)
        if (p == c) return N_("that password is on the list of common passwords");
    for (std::string_view stem : kCommonStems) {
        if (p.rfind(stem, 0) != 0) continue;
        // A common word followed only by digits and symbols is as easy to guess as the word.
        if (std::all_of(p.begin() + static_cast<std::ptrdiff_t>(stem.size()), p.end(),
                        [](char c) { return !(c >= 'a' && c <= 'z'); }))
            return N_("that password is a common word with digits or symbols added");
    }
    if (std::all_of(p.begin(), p.end(), [&](char c) { return c == p.front(); })) return N_("a password cannot be one character repeated");
    return "";
}

std::string hash_password(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return "";
    return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
    return hash.rfind("$argon2id$", 0) == 0 && crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_password_dummy(std::string_view password) {
    static const std::string dummy = hash_password("not an officer's password");
    (void)verify_password(dummy, password);
}

std::string new_session_id() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return hex(bytes, sizeof bytes);
}

void set_console_key(const std::array<unsigned char, 32>& key) {
    static_assert(crypto_generichash_KEYBYTES == 32, "the console's key is 32 bytes");
    console_key() = key;
}

std::string csrf_token(std::string_view session_id) {
    return keyed_hash(std::string("csrf:") + std::string(session_id), process_key(), crypto_generichash_KEYBYTES);
}

bool same_secret(std::string_view a, std::string_view b) {
    return a.size() == b.size() && !a.empty() &&
           sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

SignInThrottle::SignInThrottle(int per_name, int per_address, std::chrono::seconds window)
    : per_name_(per_name), per_address_(per_address), window_(window) {}

std::string SignInThrottle::key(char kind, std::string_view text) const {
    return kind + keyed_hash(std::string("throttle:") + std::string(text), process_key(), crypto_generichash_KEYBYTES);
}

std::string SignInThrottle::pair_key(std::string_view name, std::string_view address) const {
    return key('p', lower_ascii(name) + '\n' + std::string(address));
}

std::int64_t SignInThrottle::wait_for(const std::string& k, int limit, std::chrono::steady_clock::time_point now) {
    const auto it = counts_.find(k);
    if (it == counts_.end()) return 0;
    if (now - it->second.first >= window_) {
        counts_.erase(it);
        return 0;
    }
    if (it->second.failures < limit) return 0;
    return std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::seconds>(it->second.first + window_ - now).count());
}

// A database that cannot be read leaves the counts in memory to decide.
std::int64_t SignInThrottle::shared_wait(const std::string& pair, const std::string& address, std::int64_t now) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts;
    std::string error;
    if (!store_->sign_in_failures({pair, address}, now, window_.count(), counts, error)) return 0;
    std::int64_t wait = 0;
    for (const auto& [k, count] : counts) {
        const int limit = k == pair ? per_name_ : per_address_;
        if (count.first >= limit) wait = std::max<std::int64_t>(wait, std::max<std::int64_t>(1, count.second + window_.count() - now));
    }
    return wait;
}

std::int64_t SignInThrottle::wait_seconds(std::string_view name, std::string_view address) {
    const std::string pair = pair_key(name, address), by_address = key('a', address);
    const std::int64_t shared = store_ ? shared_wait(pair, by_address, std::time(nullptr)) : 0;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const std::int64_t here = std::max(wait_for(pair, per_name_, now), wait_for(by_address, per_address_, now));
    return std::max(shared, here);
}

void SignInThrottle::count(const std::string& k, std::chrono::steady_clock::time_point now) {
    auto& c = counts_[k];
    if (c.failures == 0 || now - c.first >= window_) c = {0, now};
    ++c.failures;
}

void SignInThrottle::failed(std::string_view name, std::string_view address) {
    if (store_) {
        std::string error;
        const std::int64_t now = std::time(nullptr);
        // Both counts, or neither is trusted: the ones in memory below always go up too.
        if (store_->count_sign_in_failure(pair_key(name, address), now, window_.count(), error))
            store_->count_sign_in_failure(key('a', address), now, window_.count(), error);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (counts_.size() > 100000) counts_.clear();  // bounded memory under a flood (the window starts again)
    count(pair_key(name, address), now);
    count(key('a', address), now);
}

void SignInThrottle::succeeded(std::string_view name, std::string_view address) {
    if (store_) {
        std::string error;
        store_->clear_sign_in_failures(pair_key(name, address), error);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    counts_.erase(pair_key(name, address));
}

}  // namespace server::console
