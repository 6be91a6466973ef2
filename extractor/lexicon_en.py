"""English words that decide what a number is: counted nouns, units, qualifiers.

The spotter (`mentions_en`) reads shapes; this module holds the vocabulary those
shapes are read with, so a new unit word or counted noun is added in one place.
Words, never names: nothing here knows a particular company or person.
"""

from __future__ import annotations

# What a bare count counts, by the head noun after it (or before it: "a crowd of 41,250").
COUNTED_NOUNS = {
    "people": (
        "people persons person individuals workers worker employees staff staffers residents "
        "users customers visitors students pupils children kids babies infants patients "
        "members subscribers deaths victims casualties passengers tourists travellers "
        "travelers voters soldiers troops officials engineers researchers scientists drivers "
        "doctors nurses teachers fans spectators supporters participants adults women men "
        "girls boys players viewers consumers shoppers buyers investors shareholders citizens "
        "migrants refugees immigrants applicants retirees pensioners volunteers developers "
        "hires graduates homeowners tenants renters borrowers "
        "farmers fishermen owners seniors elderly youths teenagers respondents households' "
        "inhabitants evacuees firefighters police officers personnel recruits candidates "
        "delegates lawmakers members' listeners readers audiences attendees guests diners "
        "athletes runners climbers survivors hostages prisoners inmates suspects "
        "physicians surgeons staffs crew crews commuters motorists pedestrians cyclists "
        "admissions arrivals departures births newborns people's lives injured dead "
        "unemployed jobless homeless babies moviegoers cinemagoers filmgoers concertgoers "
        "abstentions specialists counselors counsellors economists analysts "
        "professionals technicians scholars experts observers protesters demonstrators "
        "residents' year-olds month-olds graduates interns trainees apprentices "
        "caregivers carers dependants dependents cardholders policyholders holders "
        "parents mothers fathers sons daughters relatives neighbours neighbors pilots sailors "
        "cleaners cooks chefs guards nationals foreigners locals claimants attendances "
        "entrants finishers rescuers objectors plaintiffs defendants petitioners jurors "
        "witnesses mourners worshippers pilgrims"
    ),
    "companies": (
        "companies company firms firm businesses startups start-ups partners suppliers vendors "
        "banks brands manufacturers insurers carmakers automakers makers lenders retailers "
        "studios publishers sellers merchants operators contractors exporters importers clubs "
        "teams rivals competitors developers' chains airlines carriers funds institutions "
        "organisations organizations charities groups conglomerates affiliates subsidiaries "
        "builders shipyards broadcasters agencies universities colleges producers "
        "distributors wholesalers refiners brokerages cooperatives co-ops unions"
    ),
    "places": (
        "stores shops branches sites locations countries cities plants factories offices "
        "outlets schools hospitals centers centres stations venues markets regions nations "
        "states towns villages campuses airports ports warehouses counties districts "
        "provinces municipalities neighbourhoods neighborhoods areas territories "
        "restaurants cafes clinics pharmacies theaters theatres cinemas parks stadiums "
        "mines farms fields wards boroughs seats beds rooms complexes shelters libraries "
        "churches mosques temples prisons depots terminals facilities hotels resorts motels "
        "bars pubs gyms salons dealerships showrooms laboratories labs mills refineries "
        "kindergartens nurseries precincts constituencies prefectures islands"
    ),
    "units": (
        "units devices vehicles cars phones smartphones handsets tvs televisions machines "
        "robots headsets sets computers pcs laptops tablets aircraft planes jets ships vessels "
        "trucks buses drones cameras evs consoles servers chips wafers panels turbines "
        "reactors satellites rockets missiles trains locomotives tanks boats engines "
        "batteries chargers appliances taxis cabs cranes excavators bulldozers ambulances "
        "helicopters warships submarines howitzers launchers systems scooters e-scooters "
        "bikes bicycles motorcycles"
    ),
    "households": "households homes houses flats apartments dwellings families housing",
    "games": "games matches fixtures bouts rounds appearances outings finals semifinals",
    "cases": (
        "cases incidents deals complaints accidents infections lawsuits contracts "
        "transactions crimes arrests violations disputes hospitalizations hospitalisations "
        "illnesses claims outbreaks tornadoes storms earthquakes fires wildfires "
        "appointments operations procedures surgeries cancellations bankruptcies "
        "filings applications offences offenses attacks strikes crashes collisions "
        "injuries fatalities seizures raids inspections reports sales marriages divorces "
        "transfers listings investigations probes prosecutions convictions charges "
        "indictments recalls approvals permits registrations aftershocks tremors objections"
    ),
    "shares": "shares",
    # events and journeys are counted as occurrences (LABELLING.md section 3: trips)
    "times": "shows concerts performances gigs screenings trips journeys rides visits flights",
}
NOUN_UNITS = {noun: unit for unit, nouns in COUNTED_NOUNS.items() for noun in nouns.split()}
# Things counted without a unit of their own (LABELLING.md section 3) are items.
for _noun in ("seats", "beds", "rooms", "jobs", "job", "vacancies", "positions", "tickets",
              "goals", "hits", "runs", "screens", "products", "projects", "doses", "specimens",
              "objects", "pages"):  # fmt: skip
    NOUN_UNITS[_noun] = "items"
for _noun in ("wins", "draws", "losses", "defeats", "victories"):
    NOUN_UNITS[_noun] = "games"
NOUN_UNITS["admissions"] = "people"
# Animals are counted in no unit of the vocabulary (LABELLING.md §1, like 마리): no claim.
ANIMAL_NOUNS = frozenset(
    "animals hens chickens birds poultry cattle cows pigs hogs sheep goats horses dogs cats "
    "fish salmon whales dolphins deer livestock".split()
)


def noun_unit(word: str) -> str | None:
    """The unit a counted noun implies, singular ("a 720-game season") or plural.

    A compound takes its last part's unit: "dockworkers" are workers, people.
    """
    lowered = word.lower().strip("'’")
    if lowered not in NOUN_UNITS and lowered.endswith("s"):
        head = next((lowered[i:] for i in range(2, len(lowered) - 4)
                     if lowered[i:] in NOUN_UNITS), None)  # fmt: skip
        if head is not None:
            return NOUN_UNITS[head]
    if "-" in lowered and lowered.split("-", 1)[1] in NOUN_UNITS:
        lowered = lowered.split("-", 1)[1]  # "seven-year-olds"
    for form in (lowered, lowered + "s", lowered + "es", lowered[:-1] + "ies"):
        if form in NOUN_UNITS:
            return NOUN_UNITS[form]
    if lowered.endswith(("ists", "ians")) and len(lowered) > 6:
        return "people"  # economists, technicians, physicians
    return None


# People nouns that mostly live at the end of compounds ("shopkeepers", "jobseekers").
for _noun in ("keepers", "goers", "seekers", "riders", "earners", "payers", "growers",
              "fighters"):  # fmt: skip
    NOUN_UNITS.setdefault(_noun, "people")

# Number words: cardinals, and what multiplies them.
CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "a dozen" is 12; "a hundred", "a thousand", "a million" are one of the scale.
ARTICLE_NUMBERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6,
                   "billion": 10**9, "trillion": 10**12}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6,
    "m": 10**6, "mln": 10**6, "billion": 10**9, "bn": 10**9, "b": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "tln": 10**12, "trln": 10**12,
}  # fmt: skip
# Denominators of fractions written in words: "a third", "two-fifths".
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
MULTIPLE_WORDS = {"twice": 2, "double": 2, "doubled": 2, "doubling": 2, "triple": 3,
                  "tripled": 3, "tripling": 3, "quadrupling": 4,
                  "quadruple": 4, "quadrupled": 4, "twofold": 2, "threefold": 3,
                  "fourfold": 4, "fivefold": 5, "tenfold": 10}  # fmt: skip

# Qualifier words before a number, longest first when matched.
PRE_QUALIFIERS = {
    "more than": "more_than", "in excess of": "more_than", "upwards of": "more_than",
    "over": "more_than", "above": "more_than", "larger than": "more_than",
    "greater than": "more_than", "higher than": "more_than", "bigger than": "more_than",
    "longer than": "more_than", "just over": "more_than", "just above": "more_than",
    "well over": "more_than", "north of": "more_than", "beyond": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least", "as many as": "at_most", "as much as": "at_most",
    "up to": "at_most", "at most": "at_most", "no more than": "at_most",
    "a maximum of": "at_most", "within": "at_most", "as high as": "at_most",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "below": "less_than", "just under": "less_than", "just below": "less_than",
    "shy of": "less_than", "lower than": "less_than", "short of": "less_than",
    "nearly": "approx", "almost": "approx", "about": "approx", "around": "approx",
    "roughly": "approx", "approximately": "approx", "some": "approx",
    "an estimated": "approx", "estimated": "approx", "close to": "approx",
    "closer to": "approx",
    "since": "since", "from": "since", "until": "until", "till": "until",
    "through": "until", "by": "until", "between": "range",
}  # fmt: skip
POST_QUALIFIERS = {"or more": "at_least", "or over": "at_least", "plus": "at_least",
                   "at most": "at_most", "at the most": "at_most", "at least": "at_least",
                   "at the least": "at_least",
                   "or less": "at_most", "or fewer": "at_most", "or so": "approx",
                   "or thereabouts": "approx"}  # fmt: skip

# Unit words after a number: word -> (unit, multiplier). Longest first when matched.
UNIT_WORDS = {
    "%": ("percent", 1), "percent": ("percent", 1), "per cent": ("percent", 1),
    "pc": ("percent", 1), "percentage points": ("percentage_points", 1),
    "percentage point": ("percentage_points", 1), "pp": ("percentage_points", 1),
    "ppt": ("percentage_points", 1), "ppts": ("percentage_points", 1),
    "basis points": ("percentage_points", "0.01"), "basis point": ("percentage_points", "0.01"),
    "bps": ("percentage_points", "0.01"), "bp": ("percentage_points", "0.01"),
    "points": ("points", 1), "point": ("points", 1),
    "won": ("KRW", 1), "dollars": ("USD", 1), "dollar": ("USD", 1), "yen": ("JPY", 1),
    "euros": ("EUR", 1), "euro": ("EUR", 1), "yuan": ("CNY", 1), "renminbi": ("CNY", 1),
    "pounds": ("GBP", 1), "pound": ("GBP", 1), "sterling": ("GBP", 1),
    "pence": ("GBP", "0.01"), "p": ("GBP", "0.01"), "cents": ("USD", "0.01"),
    "cent": ("USD", "0.01"),
    "years": ("years", 1), "year": ("years", 1), "months": ("months", 1),
    "month": ("months", 1), "weeks": ("weeks", 1), "week": ("weeks", 1),
    "days": ("days", 1), "day": ("days", 1), "hours": ("hours", 1), "hour": ("hours", 1),
    "decades": ("years", 10), "decade": ("years", 10),
    "fiscal years": ("years", 1), "financial years": ("years", 1), "school years": ("years", 1),
    "fiscal year": ("years", 1), "financial year": ("years", 1),
    "times": ("times", 1), "-fold": ("multiple", 1), "fold": ("multiple", 1),
    "tonnes": ("tons", 1), "tonne": ("tons", 1), "tons": ("tons", 1), "ton": ("tons", 1),
    "t": ("tons", 1), "kilograms": ("tons", "0.001"), "kilogrammes": ("tons", "0.001"),
    "kg": ("tons", "0.001"), "metres": ("meters", 1), "meters": ("meters", 1),
    "metre": ("meters", 1), "meter": ("meters", 1), "m": ("meters", 1),
    "kilometres": ("meters", 1000), "kilometers": ("meters", 1000),
    "kilometre": ("meters", 1000), "kilometer": ("meters", 1000), "km": ("meters", 1000),
    "millimetres": ("meters", "0.001"), "millimeters": ("meters", "0.001"),
    "mm": ("meters", "0.001"), "centimetres": ("meters", "0.01"),
    "centimeters": ("meters", "0.01"), "cm": ("meters", "0.01"),
    "square metres": ("square_meters", 1), "square meters": ("square_meters", 1),
    "square metre": ("square_meters", 1), "square meter": ("square_meters", 1),
    "sq m": ("square_meters", 1), "sqm": ("square_meters", 1), "m2": ("square_meters", 1),
    "m²": ("square_meters", 1), "㎡": ("square_meters", 1),
    "square kilometres": ("square_meters", 10**6), "square kilometers": ("square_meters", 10**6),
    "square kilometre": ("square_meters", 10**6), "square kilometer": ("square_meters", 10**6),
    "sq km": ("square_meters", 10**6), "km2": ("square_meters", 10**6),
    "km²": ("square_meters", 10**6), "hectares": ("square_meters", 10**4),
    "hectare": ("square_meters", 10**4), "pyeong": ("pyeong", 1),
    "gigawatts": ("watts", 10**9), "gigawatt": ("watts", 10**9), "GW": ("watts", 10**9),
    "megawatts": ("watts", 10**6), "megawatt": ("watts", 10**6), "MW": ("watts", 10**6),
    "kilowatts": ("watts", 10**3), "kilowatt": ("watts", 10**3), "kW": ("watts", 10**3),
    "watts": ("watts", 1), "W": ("watts", 1),
    "terawatt hours": ("watt_hours", 10**12), "terawatt-hours": ("watt_hours", 10**12),
    "TWh": ("watt_hours", 10**12), "gigawatt hours": ("watt_hours", 10**9),
    "gigawatt-hours": ("watt_hours", 10**9), "GWh": ("watt_hours", 10**9),
    "megawatt hours": ("watt_hours", 10**6), "megawatt-hours": ("watt_hours", 10**6),
    "MWh": ("watt_hours", 10**6), "kilowatt hours": ("watt_hours", 10**3),
    "kilowatt-hours": ("watt_hours", 10**3), "kWh": ("watt_hours", 10**3),
    "GB": ("bytes", 10**9), "TB": ("bytes", 10**12), "MB": ("bytes", 10**6),
    "gigabytes": ("bytes", 10**9), "terabytes": ("bytes", 10**12),
    "degrees Celsius": ("degrees_celsius", 1), "degrees": ("degrees_celsius", 1),
    "C": ("degrees_celsius", 1), "°C": ("degrees_celsius", 1), "℃": ("degrees_celsius", 1),
    "Celsius": ("degrees_celsius", 1), "centigrade": ("degrees_celsius", 1),
}  # fmt: skip
# Measures outside the vocabulary (LABELLING.md section 3): a number they measure is not
# a claim, never a count of "items". Only its conversion into a vocabulary unit is.
FOREIGN_MEASURES = (
    "inches|inch|feet|foot|ft|miles|mile|mph|yards|yard|acres|acre|gallons|gallon|"
    "litres|liters|litre|liter|ounces|ounce|oz|lbs|lb|stone|knots|kph|km/h|minutes|minute|"
    "mins|min|seconds|second|secs|degrees Fahrenheit|Fahrenheit|F|°F|cubic metres|cubic meters|"
    "calories|kcal|decibels|dB|pixels|megapixels|carats?|winters|summers|springs|autumns|"
    "pints|pint|barrels|barrel|bushels|bushel"
)
# Unit words that stand alone only after a number glued to them or a space ("5m", "5 m").
CASE_SENSITIVE_UNITS = frozenset(
    {"GW", "MW", "kW", "W", "GWh", "MWh", "kWh", "TWh", "GB", "TB", "MB", "C", "t", "m", "p"}
    | {"km", "kg", "mm", "cm"}
)
CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}
# Dollars of other countries are not in the vocabulary: never read them as US dollars.
FOREIGN_DOLLARS = ("HK$", "S$", "A$", "C$", "NZ$", "NT$", "R$", "AU$", "CA$")

MONTHS = (
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|"
    "June|July|August|September|October|November|December"
)
# Nouns after a year that make the year a label of a period or an edition, not a claim.
YEAR_LABEL_NOUNS = (
    "revenue|revenues|sales|profit|profits|earnings|results|figures|data|budget|season|"
    "edition|election|elections|census|survey|report|guidance|forecast|forecasts|growth|"
    "output|levels?|average|total|totals|peak|record|high|low|class|cohort|model|models|"
    "final|finals|games|olympics|cup|world cup|championship|tournament|campaign|quarter|"
    "half|fiscal year|financial year|calendar year|figure|rate|rates|prices|level|"
    "value|values|version|vintage|harvest"
)
# Financial products named by their term: "two-year fixes", "a 10-year bond".
TENOR_NOUNS = "bonds?|notes?|bills?|gilts?|yields?|treasur(?:y|ies)|fix(?:es|ed)?|swaps?|mortgages?"
