// XLSX reading: the package's relationships lead to the workbook, its sheets and shared strings; each
// part is read with a byte budget and parsed by expat with DTDs refused.
#include "xlsx_reader.h"

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <expat.h>
#include <zip.h>

namespace budget::workbook {

using sheets::Cell;
using sheets::CellKind;

namespace {

// "20 MiB", or the exact count of bytes for a limit that is not whole mebibytes.
std::string size_words(std::size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

Problem file_problem(const char* code, std::string message) { return Problem(code, "", 0, 0, std::move(message)); }

struct ZipCloser { void operator()(zip_t* z) const { zip_discard(z); } };
struct FileCloser { void operator()(zip_file_t* f) const { zip_fclose(f); } };

class Package {
public:
    Package(std::string_view bytes, const XlsxLimits& limits, Problems& problems) : limits_(limits), problems_(problems) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (source) {
            zip_.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
            if (!zip_) zip_source_free(source);
        }
        zip_error_fini(&error);
        if (!zip_) {
            problems_.push_back(file_problem("workbook.not_xlsx", "this is not an .xlsx workbook (it is not a zip file)"));
            return;
        }
        const zip_int64_t entries = zip_get_num_entries(zip_.get(), 0);
        if (entries < 0 || static_cast<std::size_t>(entries) > limits_.max_entries) {
            problems_.push_back(file_problem("workbook.too_many_entries", "the workbook holds " + std::to_string(entries) +
                                             " files; at most " + std::to_string(limits_.max_entries) + " are read"));
            zip_.reset();
        }
    }
    bool ok() const { return zip_ != nullptr; }
    bool has(const std::string& name) const { return zip_ && zip_name_locate(zip_.get(), name.c_str(), 0) >= 0; }

    // A part's bytes, within the limits; nullopt with a problem when it is missing or too big.
    std::optional<std::string> part(const std::string& name, bool required) {
        const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
        if (index < 0) {
            if (required) problems_.push_back(file_problem("workbook.not_xlsx", "this is not an .xlsx workbook (it has no " + name + ")"));
            return std::nullopt;
        }
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0) return fail_read(name);
        const std::size_t mib = 1u << 20;
        if ((st.valid & ZIP_STAT_SIZE) && st.size > limits_.max_part_bytes) return too_big(name);
        if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) && st.size > mib &&
            st.size / (st.comp_size ? st.comp_size : 1) > limits_.max_ratio) {
            problems_.push_back(file_problem("workbook.compression_ratio", name + " expands more than " + std::to_string(limits_.max_ratio) +
                                             " times: refused as a possible zip bomb"));
            return std::nullopt;
        }
        std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
        if (!f) return fail_read(name);
        std::string out;
        char buffer[64 * 1024];
        for (;;) {  // the sizes in the zip's directory are not trusted: what is read is counted
            const zip_int64_t n = zip_fread(f.get(), buffer, sizeof buffer);
            if (n < 0) return fail_read(name);
            if (n == 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
            total_ += static_cast<std::size_t>(n);
            if (out.size() > limits_.max_part_bytes) return too_big(name);
            if (total_ > limits_.max_total_bytes) {
                problems_.push_back(file_problem("workbook.too_large", "the workbook expands to more than " +
                                                 size_words(limits_.max_total_bytes)));
                return std::nullopt;
            }
        }
        return out;
    }

private:
    std::nullopt_t fail_read(const std::string& name) {
        problems_.push_back(file_problem("workbook.not_xlsx", "cannot read " + name + " in the workbook (damaged or encrypted)"));
        return std::nullopt;
    }
    std::nullopt_t too_big(const std::string& name) {
        problems_.push_back(file_problem("workbook.too_large", name + " expands to more than " + size_words(limits_.max_part_bytes)));
        return std::nullopt;
    }
    const XlsxLimits& limits_;
    Problems& problems_;
    std::unique_ptr<zip_t, ZipCloser> zip_;
    std::size_t total_ = 0;
};

// An expat parse with namespaces split off ("uri|local") and DTDs refused.
class XmlParse {
public:
    virtual ~XmlParse() = default;

    // False with a problem when the XML is malformed, declares a DTD, or a handler stopped it.
    bool run(const std::string& text, const std::string& part, Problems& problems) {
        XML_Parser p = XML_ParserCreateNS(nullptr, '|');
        if (!p) return false;
        parser_ = p;
        XML_SetUserData(p, this);
        XML_SetElementHandler(p, &XmlParse::on_start, &XmlParse::on_end);
        XML_SetCharacterDataHandler(p, &XmlParse::on_text);
        XML_SetStartDoctypeDeclHandler(p, &XmlParse::on_doctype);
        XML_SetEntityDeclHandler(p, &XmlParse::on_entity);
        XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
        const bool parsed = XML_Parse(p, text.data(), static_cast<int>(text.size()), XML_TRUE) == XML_STATUS_OK;
        if (refused_doctype_)
            problems.push_back(file_problem("workbook.doctype", part + " declares a DTD or entities; workbooks never do, so it is refused"));
        else if (!stop_.empty())
            problems.push_back(stop_problem_);
        else if (!parsed)
            problems.push_back(file_problem("workbook.bad_xml", part + " is not well-formed XML (line " +
                                            std::to_string(XML_GetCurrentLineNumber(p)) + ": " + XML_ErrorString(XML_GetErrorCode(p)) + ")"));
        XML_ParserFree(p);
        return parsed && !refused_doctype_ && stop_.empty();
    }

protected:
    virtual void start(std::string_view local, const char** attributes) = 0;
    virtual void end(std::string_view local) = 0;
    virtual void text(std::string_view) {}

    void stop(Problem why) {
        if (!stop_.empty()) return;
        stop_ = "stopped";
        stop_problem_ = std::move(why);
        XML_StopParser(parser_, XML_FALSE);
    }
    static std::string_view local_name(const char* name) {
        const char* bar = std::strrchr(name, '|');
        return bar ? std::string_view(bar + 1) : std::string_view(name);
    }
    // An attribute by local name; with `ns_contains`, only in a namespace whose URI contains it.
    static const char* attribute(const char** attributes, std::string_view local, const char* ns_contains = nullptr) {
        for (const char** a = attributes; *a; a += 2) {
            const char* bar = std::strrchr(a[0], '|');
            const std::string_view name = bar ? std::string_view(bar + 1) : std::string_view(a[0]);
            if (name != local) continue;
            if (ns_contains && (!bar || std::string_view(a[0], static_cast<std::size_t>(bar - a[0])).find(ns_contains) == std::string_view::npos)) continue;
            if (!ns_contains && bar) continue;
            return a[1];
        }
        return nullptr;
    }

private:
    // Once stopped, nothing more is taken in (expat may still call back for the current buffer).
    bool halted() const { return refused_doctype_ || !stop_.empty(); }
    static void XMLCALL on_start(void* self, const char* name, const char** attributes) {
        auto* me = static_cast<XmlParse*>(self);
        if (!me->halted()) me->start(local_name(name), attributes);
    }
    static void XMLCALL on_end(void* self, const char* name) {
        auto* me = static_cast<XmlParse*>(self);
        if (!me->halted()) me->end(local_name(name));
    }
    static void XMLCALL on_text(void* self, const char* s, int len) {
        auto* me = static_cast<XmlParse*>(self);
        if (!me->halted()) me->text(std::string_view(s, static_cast<std::size_t>(len)));
    }
    static void XMLCALL on_doctype(void* self, const char*, const char*, const char*, int) {
        auto* me = static_cast<XmlParse*>(self);
        me->refused_doctype_ = true;
        XML_StopParser(me->parser_, XML_FALSE);
    }
    static void XMLCALL on_entity(void* self, const char*, int, const char*, int, const char*, const char*, const char*, const char*) {
        on_doctype(self, nullptr, nullptr, nullptr, 0);
    }

    XML_Parser parser_ = nullptr;
    bool refused_doctype_ = false;
    std::string stop_;
    Problem stop_problem_;
};

// _rels/*.rels: relationship id -> target, and the first target of a type.
class Relationships : public XmlParse {
public:
    std::map<std::string, std::string> by_id;
    std::map<std::string, std::string> by_type_suffix;  // "officeDocument", "worksheet", "sharedStrings"

protected:
    void start(std::string_view local, const char** a) override {
        if (local != "Relationship") return;
        const char* id = attribute(a, "Id");
        const char* target = attribute(a, "Target");
        const char* type = attribute(a, "Type");
        if (!id || !target) return;
        by_id[id] = target;
        if (type) {
            std::string_view t(type);
            const auto slash = t.rfind('/');
            by_type_suffix.emplace(std::string(t.substr(slash == std::string_view::npos ? 0 : slash + 1)), target);
        }
    }
    void end(std::string_view) override {}
};

class WorkbookPart : public XmlParse {
public:
    struct SheetRef { std::string name, rel_id; };
    std::vector<SheetRef> sheets;

protected:
    void start(std::string_view local, const char** a) override {
        if (local != "sheet") return;
        const char* name = attribute(a, "name");
        const char* rid = attribute(a, "id", "relationships");
        if (name && rid) sheets.push_back({name, rid});
    }
    void end(std::string_view) override {}
};

class SharedStrings : public XmlParse {
public:
    SharedStrings(const XlsxLimits& limits) : limits_(limits) {}
    std::vector<std::string> strings;

protected:
    void start(std::string_view local, const char**) override {
        if (local == "si") { current_.clear(); in_si_ = true; }
        else if (local == "rPh") ++phonetic_;
        else if (local == "t" && in_si_ && phonetic_ == 0) in_t_ = true;
    }
    void end(std::string_view local) override {
        if (local == "t") in_t_ = false;
        else if (local == "rPh") --phonetic_;
        else if (local == "si") {
            in_si_ = false;
            if (strings.size() >= limits_.max_shared_strings)
                stop(file_problem("workbook.too_many_cells", "the workbook has more than " + std::to_string(limits_.max_shared_strings) + " strings"));
            else strings.push_back(std::move(current_));
        }
    }
    void text(std::string_view s) override {
        if (!in_t_) return;
        if (current_.size() + s.size() > limits_.max_cell_bytes)
            stop(file_problem("workbook.cell_too_long", "a text in the workbook is longer than Excel allows"));
        else current_.append(s);
    }

private:
    const XlsxLimits& limits_;
    std::string current_;
    bool in_si_ = false, in_t_ = false;
    int phonetic_ = 0;
};

// A worksheet's cells: <row r><c r t><v/> or <is><t/></is></c></row>.
class WorksheetPart : public XmlParse {
public:
    WorksheetPart(std::string name, const std::vector<std::string>& shared, const XlsxLimits& limits, std::size_t& cells)
        : name_(std::move(name)), shared_(shared), limits_(limits), cells_(cells) {}
    struct Placed { std::size_t row, col; Cell cell; };
    std::vector<Placed> placed;
    std::size_t rows = 0, cols = 0;

protected:
    void start(std::string_view local, const char** a) override {
        if (local == "row") {
            const char* r = attribute(a, "r");
            row_ = r ? parse_index(r) : row_ + 1;
            next_col_ = 1;
            col_ = 0;  // a problem with the row itself is placed at its first cell, not the last row's column
            if (row_ == 0 || row_ > limits_.max_rows)
                stop(Problem("workbook.too_many_rows", "", 0, 0, "the sheet has more than " + std::to_string(limits_.max_rows) + " rows", quoted() ));
        } else if (local == "c") {
            const char* r = attribute(a, "r");
            const char* t = attribute(a, "t");
            type_ = t ? t : "n";
            col_ = r ? column_of(r) : next_col_;
            if (r && row_of(r) != 0) row_ = row_of(r);
            next_col_ = col_ + 1;
            value_.clear();
            in_cell_ = true;
            if (col_ == 0 || col_ > limits_.max_columns)
                stop(Problem("workbook.too_many_columns", "", 0, 0, "the sheet has cells beyond column " + std::to_string(limits_.max_columns), quoted()));
        } else if (local == "v" && in_cell_) in_v_ = true;
        else if (local == "rPh") ++phonetic_;
        else if (local == "t" && in_cell_ && phonetic_ == 0) in_v_ = true;
    }
    void end(std::string_view local) override {
        if (local == "v" || local == "t") in_v_ = false;
        else if (local == "rPh") --phonetic_;
        else if (local == "c" && in_cell_) {
            in_cell_ = false;
            Cell cell;
            if (type_ == "s") {
                char* endp = nullptr;
                const unsigned long i = std::strtoul(value_.c_str(), &endp, 10);
                if (value_.empty() || *endp != '\0' || i >= shared_.size()) {
                    stop(Problem("workbook.bad_xml", "", 0, 0, "a cell refers to a shared string that does not exist", quoted()));
                    return;
                }
                cell.kind = CellKind::Text;
                cell.text = shared_[i];
            } else if (type_ == "inlineStr" || type_ == "str" || type_ == "e") {
                cell.kind = CellKind::Text;
                cell.text = value_;
            } else if (type_ == "b") {
                cell.kind = CellKind::Boolean;
                cell.text = value_ == "1" ? "1" : "0";
            } else {
                cell.kind = value_.empty() ? CellKind::Empty : CellKind::Number;
                cell.text = value_;
            }
            if (cell.kind == CellKind::Empty) return;
            if (++cells_ > limits_.max_cells) {
                stop(Problem("workbook.too_many_cells", "", 0, 0, "the workbook has more than " + std::to_string(limits_.max_cells) + " cells", quoted()));
                return;
            }
            rows = std::max(rows, row_);
            cols = std::max(cols, col_);
            placed.push_back({row_ - 1, col_ - 1, std::move(cell)});
        }
    }
    void text(std::string_view s) override {
        if (!in_v_) return;
        if (value_.size() + s.size() > limits_.max_cell_bytes)
            stop(Problem("workbook.cell_too_long", "", 0, 0, "a cell is longer than Excel allows", quoted()));
        else value_.append(s);
    }

private:
    std::string quoted() const { return sheets::place_name(name_, col_ ? col_ - 1 : 0, row_ ? row_ - 1 : 0); }
    static std::size_t parse_index(const char* s) {
        std::size_t n = 0;
        for (; *s; ++s) {
            if (*s < '0' || *s > '9' || n > 100'000'000) return 0;
            n = n * 10 + static_cast<std::size_t>(*s - '0');
        }
        return n;
    }
    static std::size_t column_of(const char* ref) {
        std::size_t n = 0;
        for (; *ref >= 'A' && *ref <= 'Z'; ++ref) {
            n = n * 26 + static_cast<std::size_t>(*ref - 'A' + 1);
            if (n > 100'000) return 0;
        }
        return n;
    }
    static std::size_t row_of(const char* ref) {
        while (*ref >= 'A' && *ref <= 'Z') ++ref;
        return parse_index(ref);
    }

    std::string name_;
    const std::vector<std::string>& shared_;
    const XlsxLimits& limits_;
    std::size_t& cells_;
    std::size_t row_ = 0, col_ = 0, next_col_ = 1;
    std::string type_, value_;
    bool in_cell_ = false, in_v_ = false;
    int phonetic_ = 0;
};

// A relationship's target as a part name: relative to the folder of the part that names it.
std::string resolve(const std::string& from_folder, const std::string& target) {
    std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : from_folder + target;
    // Fold "a/../b".
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..") { if (!parts.empty()) parts.pop_back(); }
        else if (!part.empty() && part != ".") parts.push_back(part);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string folder_of(const std::string& part) {
    const auto slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
    const std::string folder = folder_of(part);
    return folder + "_rels/" + part.substr(folder.size()) + ".rels";
}

}  // namespace

XlsxRead read_xlsx(std::string_view bytes, const XlsxLimits& limits) {
    XlsxRead out;
    if (bytes.size() > limits.max_file_bytes) {
        out.problems.push_back(file_problem("workbook.too_large", "the file is larger than " + size_words(limits.max_file_bytes)));
        return out;
    }
    Package zip(bytes, limits, out.problems);
    if (!zip.ok()) return out;

    std::string workbook_part = "xl/workbook.xml";
    if (auto rels_text = zip.part("_rels/.rels", false)) {
        Relationships rels;
        if (!rels.run(*rels_text, "_rels/.rels", out.problems)) return out;
        if (auto it = rels.by_type_suffix.find("officeDocument"); it != rels.by_type_suffix.end()) workbook_part = resolve("", it->second);
    }
    const auto workbook_text = zip.part(workbook_part, true);
    if (!workbook_text) return out;
    WorkbookPart workbook;
    if (!workbook.run(*workbook_text, workbook_part, out.problems)) return out;
    if (workbook.sheets.size() > limits.max_sheets) {
        out.problems.push_back(file_problem("workbook.too_many_sheets", "the workbook has " + std::to_string(workbook.sheets.size()) +
                                            " sheets; at most " + std::to_string(limits.max_sheets) + " are read"));
        return out;
    }
    Relationships rels;
    const std::string rels_part = rels_of(workbook_part);
    const auto rels_text = zip.part(rels_part, true);
    if (!rels_text || !rels.run(*rels_text, rels_part, out.problems)) return out;
    const std::string folder = folder_of(workbook_part);

    SharedStrings shared(limits);
    const auto shared_target = rels.by_type_suffix.find("sharedStrings");
    if (shared_target != rels.by_type_suffix.end()) {
        const std::string part = resolve(folder, shared_target->second);
        const auto text = zip.part(part, true);
        if (!text || !shared.run(*text, part, out.problems)) return out;
    }

    sheets::Book book;
    std::size_t cells = 0;
    for (const auto& ref : workbook.sheets) {
        const auto target = rels.by_id.find(ref.rel_id);
        if (target == rels.by_id.end()) {
            out.problems.push_back(file_problem("workbook.not_xlsx", "the sheet \"" + ref.name + "\" has no part in the workbook"));
            return out;
        }
        const std::string part = resolve(folder, target->second);
        const auto text = zip.part(part, true);
        if (!text) return out;
        WorksheetPart sheet(ref.name, shared.strings, limits, cells);
        if (!sheet.run(*text, part, out.problems)) return out;
        sheets::Sheet s;
        s.name = ref.name;
        s.rows.resize(sheet.rows);
        for (auto& p : sheet.placed) {
            auto& row = s.rows[p.row];
            if (row.size() <= p.col) row.resize(p.col + 1);
            row[p.col] = std::move(p.cell);
        }
        book.sheets.push_back(std::move(s));
    }
    out.book = std::move(book);
    return out;
}

}  // namespace budget::workbook
