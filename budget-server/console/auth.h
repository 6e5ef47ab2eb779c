// Officers' credentials and sessions with libsodium: Argon2id password hashes and the password
// rule, random 256-bit session ids stored only as hashes, CSRF tokens derived from the session,
// and the sign-in throttle (per name and per address, keyed hashes held in memory only).
#pragma once
#include "officer_store.h"
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "secret_hash.h"  // session_hash: what the database holds for a session id

namespace server::console {

// Call once before anything below (thread-safe; false if libsodium cannot start).
bool start_crypto();

// "" when the password may be used for an officer called `name`, else why not (a sentence).
std::string password_problem(std::string_view name, std::string_view password);
// Argon2id (libsodium's moderate-interactive limits); "" if hashing failed (out of memory).
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
// Spends the time a real check would, for names that do not exist.
void verify_password_dummy(std::string_view password);

// A new session id: 32 random bytes as 64 hex digits.
std::string new_session_id();
// The console's key, derived from the server's secret (server_secret.h), so a form opened before a
// restart is accepted after it. Set once at start, before any request; random until then.
void set_console_key(const std::array<unsigned char, 32>& key);
// The form token of a session: a keyed hash of its id, so it needs no storage.
std::string csrf_token(std::string_view session_id);
bool same_secret(std::string_view a, std::string_view b);  // constant time

// Failed sign-ins: after `per_name` failures for one name from one address, or `per_address` from
// one address, within `window`, further attempts from that address wait until the window has passed.
// Nothing counted for a name alone refuses anyone, so failures from elsewhere never lock an officer
// out. Names and addresses are held as keyed hashes (under the console's key), never as text: in
// memory for one server, or, given a PostgreSQL store, in the database so that every server sharing
// it counts the same failures (an attacker gains nothing by spreading attempts over them).
class SignInThrottle {
public:
    SignInThrottle(int per_name = 5, int per_address = 20, std::chrono::seconds window = std::chrono::minutes(15));
    // Counts kept in `store` from now on (before any request). When the database fails, the counts
    // in memory stand in, so a failing database never lets attempts through unthrottled.
    void share_through(storage::OfficerStore* store) { store_ = store; }
    // Seconds to wait, or 0 when an attempt may go ahead.
    std::int64_t wait_seconds(std::string_view name, std::string_view address);
    void failed(std::string_view name, std::string_view address);
    void succeeded(std::string_view name, std::string_view address);

private:
    struct Count {
        int failures = 0;
        std::chrono::steady_clock::time_point first;
    };
    std::string key(char kind, std::string_view text) const;
    std::string pair_key(std::string_view name, std::string_view address) const;
    std::int64_t wait_for(const std::string& k, int limit, std::chrono::steady_clock::time_point now);
    void count(const std::string& k, std::chrono::steady_clock::time_point now);
    std::int64_t shared_wait(const std::string& pair, const std::string& address, std::int64_t now);
    int per_name_, per_address_;
    std::chrono::seconds window_;
    storage::OfficerStore* store_ = nullptr;
    std::mutex mutex_;
    std::map<std::string, Count> counts_;
};

}  // namespace server::console
