// Sorting for the short lists a budget holds (tens of items): insertion, so stable, and far less
// code than std::sort, which matters because the browser downloads every byte of the core.
#pragma once
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace budget {

template <class T, class Less = std::less<>>
void short_sort(std::vector<T>& items, Less less = {}) {
    for (std::size_t i = 1; i < items.size(); ++i) {
        T item = std::move(items[i]);
        std::size_t at = i;
        for (; at > 0 && less(item, items[at - 1]); --at) items[at] = std::move(items[at - 1]);
        items[at] = std::move(item);
    }
}

}  // namespace budget
