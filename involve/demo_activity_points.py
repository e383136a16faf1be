"""What people said at the demo year's past events, and what happened as a result."""

from __future__ import annotations

# slug -> points raised, one per FeedbackItem ("group|text" names who raised it).
POINTS: dict[str, tuple[str, ...]] = {
    "library-service-future-public-meeting": (
        "residents|Please keep the library in the town centre, not out at Ebley.",
        "residents|The opening hours on Saturday afternoons are too short.",
        "service_users|The computers are slow and often booked up by 10am.",
        "voluntary_and_community_groups|Our reading group needs a room it can book in the evening.",
        "residents|Parking near the library is expensive for a short visit.",
        "service_users|The large print section has shrunk and is hard to find.",
        "|Could the library share the building with the museum or the tourist office?",
        "residents|Toilets should be open to everyone, not only at certain times.",
    ),
    "library-users-panel": (
        "service_users|Self-service machines confuse some older users; staff should stay nearby.",
        "service_users|The home library service is a lifeline and should be advertised more.",
        "service_users|Reservations take too long to arrive from other branches.",
        "service_users|Seating by the window is too cold in winter.",
        "service_users|Digital help sessions on Tuesdays are excellent.",
        "service_users|Audiobooks on the app keep crashing.",
    ),
    "parking-drop-in-stroud-market": (
        "businesses|Charging from the first minute will drive shoppers to out-of-town stores.",
        "residents|A free first hour would help people who just pop in.",
        "workers|Staff in town need an affordable all-day permit.",
        "visitors|Signs to the car parks are confusing coming from the A419.",
        "residents|Pay by phone is hard for people without a smartphone; keep the cash machines.",
        "residents|There are not enough blue badge bays at Church Street.",
        "residents|Please add electric vehicle chargers at Cheapside.",
        "businesses|Delivery bays are always full of parked cars.",
        "residents|Buses should run later so people can leave the car at home.",
        "visitors|Coach parking for visitor groups is missing.",
    ),
    "disabled-drivers-focus-group": (
        "service_users|Payment machines are too high to reach from a wheelchair.",
        "service_users|Accessible bays need a wider hatched area at the side and back.",
        "residents|The kerb at the Cornhill exit has no dropped section.",
        "service_users|Screens on machines are unreadable in bright sunlight.",
        "service_users|A phone number to pay should not be a premium rate line.",
    ),
    "town-centre-traffic-citizens-panel": (
        "residents|Through traffic should be kept off the High Street at busy times.",
        "residents|Any change must keep access for disabled people and deliveries.",
        "workers|Safer cycle routes from the station would cut car journeys.",
        "residents|A 20mph limit across the town centre is supported by most of the panel.",
        "residents|Trial changes first and measure air quality before and after.",
        "residents|Buses need priority at the Merrywalks junction.",
        "workers|People from the villages have no real alternative to driving.",
    ),
    "youth-hubs-co-design-workshop": (
        "children_and_young_people|Open later on Fridays and Saturdays, not just after school.",
        "children_and_young_people|Somewhere quiet to do homework with free wifi.",
        "children_and_young_people|A music studio and somewhere to practise with a band.",
        "children_and_young_people|Young people should sit on the group that runs each hub.",
        "students|Free or cheap food would bring more people in.",
        "children_and_young_people|Hubs in the villages too, or a bus to get there.",
        "children_and_young_people|Staff who listen and don't treat us like kids.",
        "children_and_young_people|Mental health support without a waiting list.",
        "students|Help with CVs, jobs and apprenticeships.",
        "children_and_young_people|A space for LGBTQ+ young people that feels safe.",
    ),
    "youth-opportunity-fund-vote": (
        "children_and_young_people|The voting was easy and it felt like our choice counted.",
        "children_and_young_people|More projects for under 14s next time.",
        "students|Pitches should be shorter; some went on too long.",
        "children_and_young_people|Sports projects won most of the money; arts groups lost out.",
        "voluntary_and_community_groups|Tell groups the result and the amount sooner.",
        "children_and_young_people|Hold the vote online as well for people who could not come.",
    ),
    "local-plan-town-centre-workshop": (
        "residents|Build homes above the shops on the High Street before using green fields.",
        "residents|Protect the views of the valleys and Rodborough Common.",
        "businesses|The Merrywalks site should mix shops, homes and a new health centre.",
        "residents|Any new homes must be affordable for local young people.",
        "voluntary_and_community_groups|Community groups need affordable space in the centre.",
        "residents|Flood risk along the canal must be taken seriously.",
        "residents|Make the walk from the station to the High Street safer and greener.",
        "businesses|Empty units should be offered for pop-up and creative uses.",
    ),
    "sharpness-new-settlement-public-meeting": (
        "residents|The A38 cannot take thousands more cars without improvement.",
        "residents|Where will the children go to school and the GP surgery be?",
        "others_affected|The nature reserve and the estuary birds must be protected.",
        "residents|Will the railway to Sharpness really reopen, and when?",
        "businesses|Local firms should get a fair share of the building work.",
        "residents|Homes need to be affordable, not only executive houses.",
        "residents|Construction traffic should not go through Newtown and Berkeley.",
        "residents|The meeting should have been held in the evening and in more places.",
        "others_affected|Fire cover for the new settlement needs planning now.",
    ),
    "nailsworth-recycling-roadshow": (
        "residents|Why can't we recycle soft plastics at the kerbside?",
        "service_users|The crew sometimes leave the box in the road.",
        "residents|Food caddy liners are hard to get hold of.",
        "residents|Please collect glass more often after Christmas.",
        "service_users|The app reminders for collection day are really useful.",
        "residents|Flats on the high street have nowhere to store recycling boxes.",
    ),
    "sheltered-housing-focus-group": (
        "service_users|The lounge is empty most days because nothing is organised.",
        "service_users|The warden visits are too short to talk.",
        "service_users|Heating in the corridors is often off in winter.",
        "service_users|A minibus to the shops once a week would make a big difference.",
        "service_users|We are not told when repairs are going to happen.",
        "residents|Pull cords in the bathrooms are sometimes tied up out of reach.",
        "service_users|We would like a say in who runs the activities.",
    ),
    "tenants-repairs-co-production-group": (
        "service_users|Give a time slot for repairs, not a whole day.",
        "service_users|Text the day before and when the operative is on the way.",
        "service_users|Damp and mould should always be treated as urgent.",
        "service_users|Tenants should check completed repairs before they are signed off.",
        "service_users|The out-of-hours number is too hard to find.",
    ),
}

OUTCOMES: dict[str, str] = {
    "library-service-future-public-meeting": (
        "The library stays in the town centre. Saturday opening is extended to 4pm from the "
        "autumn and a bookable community room is part of the refurbishment."
    ),
    "library-users-panel": (
        "Staff now stay by the self-service machines at busy times and the home library service "
        "is advertised in the district newsletter."
    ),
    "library-mystery-shopping": (
        "Volunteers found phone calls were answered well but email replies were slow. Email "
        "enquiries now have a two working day target."
    ),
    "parking-drop-in-stroud-market": (
        "The car parking strategy keeps cash payment, adds a free first hour in two car parks "
        "and a discounted permit for town centre workers."
    ),
    "disabled-drivers-focus-group": (
        "New payment machines are mounted lower, with bright-light screens, and six blue badge "
        "bays have been widened."
    ),
    "town-centre-traffic-citizens-panel": (
        "Cabinet accepted eight of the panel's ten recommendations, including a trial of a "
        "20mph town centre and bus priority at Merrywalks."
    ),
    "new-parking-charges-information": (
        "Leaflets went to all town centre businesses and the web page was viewed 4,300 times."
    ),
    "youth-hubs-co-design-workshop": (
        "The youth hub specification now includes Friday late opening, a quiet study space, a "
        "music room and a young people's steering group at each hub."
    ),
    "youth-opportunity-fund-vote": (
        "Twelve projects were funded. Next year's fund will set aside a share for arts and for "
        "under 14s, and voting will also be online."
    ),
    "local-plan-town-centre-workshop": (
        "The draft Local Plan prioritises brownfield sites in the town centre and includes a "
        "policy for homes above shops."
    ),
    "sharpness-new-settlement-public-meeting": (
        "The questions and answers were published, and two more evening meetings were held in "
        "Berkeley and Newtown."
    ),
    "food-waste-caddies-campaign": (
        "Food waste collected rose by 18% in the three months after the campaign."
    ),
    "nailsworth-recycling-roadshow": (
        "Crews have been reminded to return boxes to the property, and free caddy liners are "
        "now available from Nailsworth library."
    ),
    "sheltered-housing-focus-group": (
        "A weekly activities programme, planned with residents, now runs in every scheme "
        "lounge, and a shopping minibus runs on Thursdays."
    ),
    "tenants-repairs-co-production-group": (
        "The group's draft repairs standard, with morning and afternoon slots and text updates, "
        "goes to Housing Committee next month."
    ),
}
