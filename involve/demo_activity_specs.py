"""The demo year of involvement activities for Stroud: what each one was, when and where.

Days are relative to the moment of seeding (negative = past). The points raised and outcomes
live in involve.demo_activity_points.
"""

from __future__ import annotations

from dataclasses import dataclass

from involve.models import ActivityFormat, CommissioningStage, OpportunityType, Way

ALLIANCE = "Stroud District Voluntary and Community Sector Alliance"
COLLEGE = "South Gloucestershire and Stroud College"
NHS = "NHS Gloucestershire Integrated Care Board"
POLICE = "Gloucestershire Constabulary"
FIRE = "Gloucestershire Fire and Rescue Service"

TOWN_CENTRE = "A thriving, accessible district centre"
YOUNG_PEOPLE = "Young people with somewhere to go and something to do"
CARBON = "A carbon-neutral district by 2030"
LONELINESS = "Reduce loneliness among older people"
HOUSING_HEALTH = "Warm, safe homes that support good health"
NI_110 = "Young people's participation in positive activities"
NI_47 = "People killed or seriously injured in road traffic accidents"
NI_119 = "Self-reported measure of people's overall health and wellbeing"

SUBS_ROOMS = ("Subscription Rooms", "George Street, Stroud GL5 1AE")
STEP_FREE = "Step-free entrance and lift, accessible toilet, hearing loop. Blue badge bays nearby."

D = OpportunityType.DESIGN
F = OpportunityType.GIVE_FEEDBACK
I = OpportunityType.INFLUENCE_DECISIONS  # noqa: E741
C = OpportunityType.CO_PRODUCE
A = OpportunityType.ASSESS_SERVICES


@dataclass(frozen=True)
class DemoActivity:
    slug: str
    title: str
    service: str
    format: ActivityFormat
    way: Way
    opportunities: tuple[OpportunityType, ...]
    day: int  # relative to seeding
    hour: int
    hours: int  # duration
    summary: str
    venue: tuple[str, str] = ("", "")
    access: str = ""
    how_to_take_part: str = ""
    audiences: tuple[str, ...] = ("residents",)
    age_groups: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    strategy: tuple[str, ...] = ()
    cost: int = 300  # pounds, estimated; actual is set for past activities
    staff_hours: int = 12
    stage: CommissioningStage = CommissioningStage.ANALYSE
    attendance: int = 0  # past events only
    youth: bool = False  # who came: young people rather than the usual older crowd
    published: bool = True


# Libraries and culture, and Parking and transport.
TOWN_SERVICES: tuple[DemoActivity, ...] = (
    DemoActivity(
        slug="library-service-future-public-meeting",
        title="The future of Stroud Library: public meeting",
        service="Libraries and culture",
        format=ActivityFormat.PUBLIC_MEETING,
        way=Way.CONSULT,
        opportunities=(F,),
        day=-320,
        hour=19,
        hours=2,
        summary="Hear about the options for the library building and tell us what matters to you.",
        venue=SUBS_ROOMS,
        access=STEP_FREE,
        how_to_take_part="Just come along. Tea and coffee from 6.30pm.",
        audiences=("residents", "service_users", "voluntary_and_community_groups"),
        partners=(ALLIANCE,),
        strategy=(TOWN_CENTRE,),
        cost=450,
        staff_hours=20,
        stage=CommissioningStage.ANALYSE,
        attendance=74,
    ),
    DemoActivity(
        slug="library-users-panel",
        title="Library users' panel: spring meeting",
        service="Libraries and culture",
        format=ActivityFormat.SERVICE_USER_PANEL,
        way=Way.INVOLVE,
        opportunities=(A,),
        day=-160,
        hour=14,
        hours=2,
        summary="Our panel of regular library users reviews how the service is doing.",
        venue=("Stroud Library", "Lansdown, Stroud GL5 1BB"),
        access="Ground floor meeting room, step-free. Large print papers on request.",
        how_to_take_part="Panel members are invited. Ask at the desk to join the panel.",
        audiences=("service_users",),
        strategy=(LONELINESS,),
        cost=120,
        staff_hours=8,
        stage=CommissioningStage.REVIEW,
        attendance=16,
    ),
    DemoActivity(
        slug="library-mystery-shopping",
        title="Mystery shopping of library services",
        service="Libraries and culture",
        format=ActivityFormat.SERVICE_REVIEW,
        way=Way.INVOLVE,
        opportunities=(A,),
        day=-95,
        hour=9,
        hours=0,
        summary="Volunteers visited, phoned and emailed our libraries as customers and reported back.",
        how_to_take_part="Volunteers were recruited through the Voluntary and Community Sector "
        "Alliance.",
        audiences=("service_users", "voluntary_and_community_groups"),
        partners=(ALLIANCE,),
        cost=600,
        staff_hours=30,
        stage=CommissioningStage.REVIEW,
    ),
    DemoActivity(
        slug="reading-friends-co-production-group",
        title="Reading Friends: co-production group",
        service="Libraries and culture",
        format=ActivityFormat.CO_PRODUCTION_GROUP,
        way=Way.INVOLVE,
        opportunities=(C,),
        day=21,
        hour=10,
        hours=3,
        summary="Help us set up and run a volunteer scheme that brings isolated older people "
        "together to read and chat.",
        venue=("Stonehouse Library", "Regent Street, Stonehouse GL10 2AD"),
        access="Step-free access. Parking at the rear. Carers welcome free of charge.",
        how_to_take_part="Email us to join the group. Travel costs are paid.",
        audiences=("residents", "voluntary_and_community_groups"),
        age_groups=("65_74", "75_84", "85_plus"),
        partners=(ALLIANCE, NHS),
        strategy=(LONELINESS, NI_119),
        cost=900,
        staff_hours=40,
        stage=CommissioningStage.SECURE,
    ),
    DemoActivity(
        slug="parking-drop-in-stroud-market",
        title="Town centre parking drop-in at the Farmers' Market",
        service="Parking and transport",
        format=ActivityFormat.DROP_IN,
        way=Way.CONSULT,
        opportunities=(F,),
        day=-210,
        hour=9,
        hours=4,
        summary="Talk to the parking team about the draft car parking strategy.",
        venue=("Cornhill Market Place", "Cornhill, Stroud GL5 2HH"),
        access="Outdoor stall on level paving. Staff can bring materials to you.",
        how_to_take_part="Drop by any time between 9am and 1pm.",
        audiences=("residents", "businesses", "visitors", "workers"),
        strategy=(TOWN_CENTRE,),
        cost=250,
        staff_hours=14,
        stage=CommissioningStage.PLAN,
        attendance=112,
    ),
    DemoActivity(
        slug="disabled-drivers-focus-group",
        title="Blue badge holders' focus group on parking",
        service="Parking and transport",
        format=ActivityFormat.FOCUS_GROUP,
        way=Way.CONSULT,
        opportunities=(F, D),
        day=-125,
        hour=11,
        hours=2,
        summary="A small group of blue badge holders helped us design accessible bays and "
        "payment machines.",
        venue=("Stroud District Council offices", "Ebley Mill, Westward Road, Stroud GL5 4UB"),
        access="Step-free, accessible parking at the door, BSL interpreter booked.",
        how_to_take_part="By invitation through local disability groups.",
        audiences=("residents", "service_users"),
        partners=(ALLIANCE,),
        strategy=(TOWN_CENTRE,),
        cost=350,
        staff_hours=10,
        stage=CommissioningStage.PLAN,
        attendance=11,
    ),
    DemoActivity(
        slug="town-centre-traffic-citizens-panel",
        title="Citizens' panel on town centre traffic",
        service="Parking and transport",
        format=ActivityFormat.CITIZENS_PANEL,
        way=Way.INVOLVE,
        opportunities=(I,),
        day=-48,
        hour=10,
        hours=6,
        summary="A panel chosen to reflect the district weighed the evidence on through traffic "
        "in Stroud town centre and made recommendations to Cabinet.",
        venue=SUBS_ROOMS,
        access=STEP_FREE + " Members were paid for their time and childcare.",
        how_to_take_part="Panel members were chosen by lot from people who replied to an "
        "invitation sent to 3,000 households.",
        audiences=("residents", "workers"),
        partners=(POLICE,),
        strategy=(TOWN_CENTRE, NI_47, CARBON),
        cost=8_500,
        staff_hours=120,
        stage=CommissioningStage.PLAN,
        attendance=28,
    ),
    DemoActivity(
        slug="new-parking-charges-information",
        title="New parking charges: information campaign",
        service="Parking and transport",
        format=ActivityFormat.INFORMATION_CAMPAIGN,
        way=Way.INFORM,
        opportunities=(),
        day=-20,
        hour=9,
        hours=0,
        summary="Posters, leaflets and social media explaining the new charges and the free "
        "first hour.",
        how_to_take_part="Read the leaflet in any council car park or on our website.",
        audiences=("residents", "visitors", "businesses"),
        cost=1_200,
        staff_hours=16,
        stage=CommissioningStage.SECURE,
    ),
)
