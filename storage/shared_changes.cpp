// The LISTEN side of shared changes; the NOTIFY side is OfficerStore::share and the submissions writer.
#include "shared_changes.h"
#include "sql_db.h"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <vector>

namespace storage {

namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

}  // namespace

SharedChanges::SharedChanges(std::string database_url, Handlers handlers, std::chrono::milliseconds backstop)
    : url_(std::move(database_url)), handlers_(std::move(handlers)), backstop_(backstop) {}

SharedChanges::~SharedChanges() { stop(); }

void SharedChanges::start() {
    if (!is_postgres_url(url_) || thread_.joinable()) return;
    if (pipe(wake_pipe_) != 0) wake_pipe_[0] = wake_pipe_[1] = -1;
    thread_ = std::thread([this] { run(); });
}

void SharedChanges::stop() {
    stopping_ = true;
    if (wake_pipe_[1] >= 0) {
        const char byte = 0;
        [[maybe_unused]] const auto n = write(wake_pipe_[1], &byte, 1);
    }
    if (thread_.joinable()) thread_.join();
    for (int& fd : wake_pipe_)
        if (fd >= 0) {
            close(fd);
            fd = -1;
        }
}

void SharedChanges::run() {
    bool first = true;
    while (!stopping_) {
        Connection c(PQconnectdb(url_.c_str()), &PQfinish);
        const bool up = c && PQstatus(c.get()) == CONNECTION_OK &&
                        PQresultStatus(Result(PQexec(c.get(), "LISTEN budget_rows; LISTEN budget_changes"), &PQclear).get()) == PGRES_COMMAND_OK;
        if (!up) {
            listening_ = false;
            pollfd p{wake_pipe_[0], POLLIN, 0};
            poll(&p, wake_pipe_[0] >= 0 ? 1 : 0, 1000);  // the database may come back: try again in a second
            continue;
        }
        listening_ = true;
        if (!first) {
            ++reconnects_;
            if (handlers_.reconnected) handlers_.reconnected();  // whatever was sent while away is read again
        }
        first = false;
        auto next_look = std::chrono::steady_clock::now();
        while (!stopping_ && PQstatus(c.get()) == CONNECTION_OK) {
            // The counts are read on every notification and at least once per backstop period.
            bool look = std::chrono::steady_clock::now() >= next_look;
            std::vector<std::string> rows;
            if (!PQconsumeInput(c.get())) break;
            while (PGnotify* n = PQnotifies(c.get())) {
                ++notifications_;
                if (std::string(n->relname) == kRowsChannel) rows.emplace_back(n->extra);
                else look = true;
                PQfreemem(n);
            }
            for (const auto& id : rows)
                if (handlers_.rows) handlers_.rows(id);
            if (look) {
                next_look = std::chrono::steady_clock::now() + backstop_;
                Result r(PQexec(c.get(), "SELECT topic, version FROM shared_changes"), &PQclear);
                if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) break;
                for (int i = 0; i < PQntuples(r.get()); ++i) {
                    const std::string name = PQgetvalue(r.get(), i, 0);
                    const std::int64_t version = std::stoll(PQgetvalue(r.get(), i, 1));
                    const auto at = seen_.find(name);
                    const bool moved = at == seen_.end() || at->second != version;
                    seen_[name] = version;
                    if (!moved || !noted_) continue;  // the first look only notes where each stands
                    if (const auto h = handlers_.topics.find(name); h != handlers_.topics.end() && h->second) h->second();
                }
                noted_ = true;
                if (handlers_.rows) handlers_.rows("");  // the backstop: rows whose notice was missed
            }
            const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_look - std::chrono::steady_clock::now());
            pollfd fds[2] = {{PQsocket(c.get()), POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
            poll(fds, wake_pipe_[0] >= 0 ? 2 : 1, static_cast<int>(std::max<std::int64_t>(0, wait.count())));
        }
        listening_ = false;
    }
}

}  // namespace storage
