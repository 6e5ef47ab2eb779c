// Council tax: band ratios for England and Wales, bills, and the referendum cap rules.
#include <boost/test/unit_test.hpp>

#include "council_tax.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(council_tax)

BOOST_AUTO_TEST_CASE(england_has_eight_bands_wales_nine) {
    const auto en = bands_for(Nation::England);
    const auto cy = bands_for(Nation::Wales);
    BOOST_TEST(en.size() == 8u);
    BOOST_TEST(cy.size() == 9u);
    BOOST_TEST(en.front().letter == 'A');
    BOOST_TEST(en.front().ninths == 6);
    BOOST_TEST(en.back().letter == 'H');
    BOOST_TEST(en.back().ninths == 18);
    BOOST_TEST(cy.back().letter == 'I');
    BOOST_TEST(cy.back().ninths == 21);
    const int expected[] = {6, 7, 8, 9, 11, 13, 15, 18, 21};
    for (std::size_t i = 0; i < cy.size(); ++i) BOOST_TEST(cy[i].ninths == expected[i]);
}

BOOST_AUTO_TEST_CASE(band_charges_round_to_the_penny) {
    // Band D £1,712.43: A = 6/9 = £1,141.62; B = 7/9 = £1,331.89 (1331.8900..); H = 2x.
    BOOST_TEST(band_charge(171243, 6) == 114162);
    BOOST_TEST(band_charge(171243, 7) == 133189);
    BOOST_TEST(band_charge(171243, 18) == 342486);
    // Wales Band I = 21/9 of £1,874.56 = £4,373.97 (4373.9733..)
    BOOST_TEST(band_charge(187456, 21) == 437397);
}

BOOST_AUTO_TEST_CASE(county_cap_is_core_plus_adult_social_care) {
    CouncilTax ct;
    ct.band_d = 171243;
    ct.cap = {true, 299, 0, 200};
    BOOST_TEST(*max_rise_without_referendum(ct) == 5120 + 3425);
    BOOST_TEST(within_cap(ct, 499));
    BOOST_TEST(!within_cap(ct, 500));
    BOOST_TEST(within_cap(ct, -200));
    BOOST_TEST(describe_cap(ct) == "up to 2.99%, plus 2% adult social care precept");
    BOOST_TEST(describe_cap(ct, "cy") == "hyd at 2.99%, ynghyd ag 2% o braesept gofal cymdeithasol i oedolion");
}

BOOST_AUTO_TEST_CASE(district_cap_is_the_higher_of_percent_or_five_pounds) {
    CouncilTax ct;
    ct.band_d = 16230;  // £162.30: 2.99% is £4.85, so £5 applies
    ct.cap = {true, 299, 500, 0};
    BOOST_TEST(*max_rise_without_referendum(ct) == 500);
    BOOST_TEST(within_cap(ct, 308));   // +£5.00
    BOOST_TEST(!within_cap(ct, 309));  // +£5.02
    ct.band_d = 25000;  // £250: 2.99% is £7.48, higher than £5
    BOOST_TEST(*max_rise_without_referendum(ct) == 748);
    BOOST_TEST(describe_cap(ct) == "up to 2.99% or \xC2\xA3" "5.00 on Band D, whichever is higher");
}

BOOST_AUTO_TEST_CASE(wales_has_no_cap) {
    CouncilTax ct;
    ct.band_d = 187456;
    ct.cap.capped = false;
    BOOST_TEST(!max_rise_without_referendum(ct));
    BOOST_TEST(within_cap(ct, 5000));
    BOOST_TEST(describe_cap(ct) == "no referendum limit");
    BOOST_TEST(describe_cap(ct, "cy") == "dim terfyn refferendwm");
}

BOOST_AUTO_TEST_CASE(band_d_after_a_change) {
    CouncilTax ct;
    ct.band_d = 171243;
    BOOST_TEST(band_d_after(ct, 499) == 179788);  // +£85.45 (85.450257)
    BOOST_TEST(band_d_after(ct, -200) == 167818);
}

BOOST_AUTO_TEST_SUITE_END()
