// Budget workbook writer over libxlsxwriter.
#include "workbook_writer.h"

#include <cstdlib>
#include <cstdio>
#include <map>

#include <xlsxwriter.h>

#include "utc_time.h"

namespace budget::workbook {

using sheets::Cell;
using sheets::CellKind;
using sheets::Style;

namespace {

class Formats {
public:
    explicit Formats(lxw_workbook* wb) {
        header_ = workbook_add_format(wb);
        format_set_bold(header_);
        format_set_bg_color(header_, 0xD9E2F3);
        format_set_bottom(header_, LXW_BORDER_THIN);
        format_set_text_wrap(header_);
        format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
        label_ = workbook_add_format(wb);
        format_set_bold(label_);
        money_ = number_format(wb, "\xC2\xA3#,##0.00;-\xC2\xA3#,##0.00");
        decimal2_ = number_format(wb, "#,##0.00");
        percent_ = number_format(wb, "0.00%");
        integer_ = number_format(wb, "#,##0");
        date_ = number_format(wb, "yyyy-mm-dd hh:mm");
        day_ = number_format(wb, "yyyy-mm-dd");
        text_ = workbook_add_format(wb);
        format_set_num_format(text_, "@");  // ids and years stay text when edited ("2027/28" is not a date)
    }
    lxw_format* of(Style s) const {
        switch (s) {
            case Style::Header: return header_;
            case Style::Label: return label_;
            case Style::Money: return money_;
            case Style::Decimal2: return decimal2_;
            case Style::Percent: return percent_;
            case Style::Integer: return integer_;
            case Style::Date: return date_;
            case Style::Day: return day_;
            case Style::General: return text_;
        }
        return nullptr;
    }

private:
    static lxw_format* number_format(lxw_workbook* wb, const char* f) {
        lxw_format* fmt = workbook_add_format(wb);
        format_set_num_format(fmt, f);
        return fmt;
    }
    lxw_format *header_, *label_, *money_, *decimal2_, *percent_, *integer_, *date_, *day_, *text_;
};

lxw_datetime datetime_of(const std::string& iso) {
    lxw_datetime dt{};
    const auto seconds = parse_utc(iso);
    if (!seconds) return dt;
    const std::string t = format_utc(*seconds);  // "YYYY-MM-DDTHH:MM:SSZ"
    dt.year = std::atoi(t.substr(0, 4).c_str());
    dt.month = std::atoi(t.substr(5, 2).c_str());
    dt.day = std::atoi(t.substr(8, 2).c_str());
    dt.hour = std::atoi(t.substr(11, 2).c_str());
    dt.min = std::atoi(t.substr(14, 2).c_str());
    dt.sec = std::atof(t.substr(17, 2).c_str());
    return dt;
}

// One drop-down validation per distinct list and column run, so the file stays small.
void validate(lxw_worksheet* ws, lxw_row_t first, lxw_row_t last, lxw_col_t col, const std::vector<std::string>& choices) {
    std::vector<std::string> copies(choices);  // libxlsxwriter takes char** but only reads
    std::vector<char*> list;
    for (auto& c : copies) list.push_back(c.data());
    list.push_back(nullptr);
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = list.data();
    v.ignore_blank = LXW_VALIDATION_ON;
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    std::string message = "Choose one of the list.";
    v.error_message = message.data();
    worksheet_data_validation_range(ws, first, col, last, col, &v);
}

}  // namespace

bool write_book(const sheets::Book& book, const std::string& path, std::string& error) {
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) {
        error = "cannot create " + path;
        return false;
    }
    const Formats formats(wb);
    constexpr lxw_row_t kValidatedRows = 500;  // drop-downs reach below the rows written, for rows an officer adds
    for (const auto& sheet : book.sheets) {
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
        if (!ws) {
            error = "cannot add the sheet " + sheet.name;
            workbook_close(wb);
            return false;
        }
        for (std::size_t c = 0; c < sheet.widths.size(); ++c)
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), sheet.widths[c], nullptr);
        worksheet_freeze_panes(ws, 1, 0);
        std::map<lxw_col_t, const std::vector<std::string>*> column_lists;
        for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
            const auto row = static_cast<lxw_row_t>(r);
            for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
                const Cell& cell = sheet.rows[r][c];
                const auto col = static_cast<lxw_col_t>(c);
                lxw_format* f = cell.kind == CellKind::Number && cell.style == Style::General ? nullptr : formats.of(cell.style);
                lxw_error written = LXW_NO_ERROR;
                switch (cell.kind) {
                    case CellKind::Empty: written = worksheet_write_blank(ws, row, col, f); break;
                    case CellKind::Text: written = worksheet_write_string(ws, row, col, cell.text.c_str(), f); break;
                    case CellKind::Number:
                        // A total the spreadsheet keeps right as rows change, with today's value for readers that do not recalculate.
                        written = cell.formula.empty()
                                      ? worksheet_write_number(ws, row, col, std::strtod(cell.text.c_str(), nullptr), f)
                                      : worksheet_write_formula_num(ws, row, col, ("=" + cell.formula).c_str(), f, std::strtod(cell.text.c_str(), nullptr));
                        break;
                    case CellKind::Boolean: written = worksheet_write_boolean(ws, row, col, cell.text == "1", f); break;
                    case CellKind::Date: {
                        lxw_datetime dt = datetime_of(cell.text);
                        written = worksheet_write_datetime(ws, row, col, &dt, f);
                        break;
                    }
                }
                // A cell libxlsxwriter refuses (a text over Excel's 32,767 characters, a row past Excel's
                // last) fails the file: leaving it out would be a silent wrong answer.
                if (written != LXW_NO_ERROR) {
                    error = "cannot write " + sheets::place_name(sheet.name, c, r) + ": " +
                            (written == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? std::string("the text is longer than Excel's 32,767 characters")
                                                                             : std::string(lxw_strerror(written)));
                    workbook_close(wb);
                    std::remove(path.c_str());
                    return false;
                }
                if (!cell.note.empty()) worksheet_write_comment(ws, row, col, cell.note.c_str());
                if (cell.choices) {
                    // A heading's list is its whole column's drop-down; other cells (the Council sheet's) get their own.
                    if (r == 0) column_lists[col] = cell.choices;
                    else if (!column_lists.count(col)) validate(ws, row, row, col, *cell.choices);
                }
            }
        }
        // List sheets: a column's drop-down comes from its heading's kind, so new rows get it too.
        for (const auto& [col, list] : column_lists) validate(ws, 1, kValidatedRows, col, *list);
    }
    const lxw_error result = workbook_close(wb);
    if (result != LXW_NO_ERROR) {
        error = std::string("cannot write ") + path + ": " + lxw_strerror(result);
        return false;
    }
    return true;
}

}  // namespace budget::workbook
