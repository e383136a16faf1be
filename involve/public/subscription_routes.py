"""Getting emails: subscribe to a topic, an area or one consultation's outcome; confirm by the
emailed link; unsubscribe with one link. Every answer after the form is the same "check your
email" page, so no one can learn from it whether an address was already subscribed."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from involve.abuse_limits import SUBSCRIBE, limit_posts
from involve.extensions import csrf
from involve.models.outcomes import Subscription, SubscriptionKind
from involve.public.consultation_routes import public_consultation_or_404
from involve.public.routes import public
from involve.public.subscription_forms import (
    AreaSubscriptionForm,
    OutcomeSubscriptionForm,
    TopicSubscriptionForm,
)
from involve.services import subscriptions
from involve.services.errors import NotFound
from involve.services.lifecycle import is_public

View = str | WerkzeugResponse | tuple[str, int]


def _link_not_valid() -> tuple[str, int]:
    return render_template("public/subscriptions/link_not_valid.html"), 404


def _check_your_email() -> WerkzeugResponse:
    return redirect(url_for("public.check_your_email"))


@public.route("/get-emails")
def subscribe_start() -> str:
    return render_template("public/subscriptions/start.html")


@public.route("/get-emails/topic", methods=["GET", "POST"])
@limit_posts(SUBSCRIBE)
def subscribe_topic() -> View:
    form = TopicSubscriptionForm()
    form.set_options(subscriptions.subscription_options().topics)
    if form.validate_on_submit():
        try:
            subscriptions.subscribe(
                email=form.email.data,
                kind=SubscriptionKind.TOPIC,
                topic=form.topic.data,
                base_url=request.url_root,
            )
        except subscriptions.CannotSubscribe as error:
            form.topic.errors = [str(error)]
        else:
            return _check_your_email()
    return render_template("public/subscriptions/topic.html", form=form)


@public.route("/get-emails/area", methods=["GET", "POST"])
@limit_posts(SUBSCRIBE)
def subscribe_area() -> View:
    form = AreaSubscriptionForm()
    form.set_options(subscriptions.subscription_options().wards)
    if form.validate_on_submit():
        try:
            subscriptions.subscribe(
                email=form.email.data,
                kind=SubscriptionKind.AREA,
                ward_code=form.area.data,
                base_url=request.url_root,
            )
        except subscriptions.CannotSubscribe as error:
            form.area.errors = [str(error)]
        else:
            return _check_your_email()
    return render_template("public/subscriptions/area.html", form=form)


@public.route("/consultations/<slug>/get-outcome-email", methods=["GET", "POST"])
@limit_posts(SUBSCRIBE)
def subscribe_outcome(slug: str) -> View:
    consultation = public_consultation_or_404(slug)
    if not subscriptions.can_subscribe_to_outcome(consultation):
        return redirect(url_for("public.consultation", slug=slug))
    form = OutcomeSubscriptionForm()
    if form.validate_on_submit():
        subscriptions.subscribe(
            email=form.email.data,
            kind=SubscriptionKind.CONSULTATION,
            consultation=consultation,
            base_url=request.url_root,
        )
        return _check_your_email()
    return render_template(
        "public/subscriptions/outcome.html", form=form, consultation=consultation
    )


@public.route("/get-emails/check-your-email")
def check_your_email() -> str:
    return render_template("public/subscriptions/check_email.html")


@public.route("/get-emails/confirm/<token>", methods=["GET", "POST"])
def confirm_subscription(token: str) -> View:
    """A button rather than confirming on GET: mail scanners open links in e-mails, and would
    otherwise confirm subscriptions nobody asked for."""
    try:
        subscription = subscriptions.get_by_token(token)
        if request.method == "POST":
            subscription = subscriptions.confirm(token=token)
            return redirect(url_for("public.confirm_subscription", token=token))
    except NotFound:
        return _link_not_valid()
    if subscription.unsubscribed_at is not None:
        return _link_not_valid()
    return _subscription_page("public/subscriptions/confirm.html", subscription)


@public.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # the secret token is the protection; mail programs' one-click POST has no form
def unsubscribe(token: str) -> View:
    """GET shows the button; POST unsubscribes. A mail program's RFC 8058 one-click POST
    (body "List-Unsubscribe=One-Click") stops every email to the address, as people expect
    when they press their mail program's "Unsubscribe"."""
    try:
        if request.method == "POST":
            one_click = request.form.get("List-Unsubscribe") == "One-Click"
            everything = one_click or request.form.get("scope") == "all"
            subscription = subscriptions.unsubscribe(token=token, everything=everything)
            if one_click:
                return _unsubscribed_page(subscription, stopped_all=True)
            return redirect(
                url_for("public.unsubscribe", token=token, stopped="all" if everything else None)
            )
        subscription = subscriptions.get_by_token(token)
    except NotFound:
        return _link_not_valid()
    return _unsubscribed_page(subscription, stopped_all=request.args.get("stopped") == "all")


def _unsubscribed_page(subscription: Subscription, *, stopped_all: bool) -> str:
    """Says all e-mails stopped only when they have: asked for, and none left."""
    others = subscriptions.other_active_count(subscription)
    return _subscription_page(
        "public/subscriptions/unsubscribe.html",
        subscription,
        others=others,
        stopped_all=stopped_all and subscription.unsubscribed_at is not None and not others,
        again_url=_again_url(subscription),
    )


def _again_url(subscription: Subscription) -> str:
    """Where "get emails again" leads: the same sign-up (a consultation's outcome, a topic, an
    area) while it is open, else the choice of them all (an outcome already out is not)."""
    consultation = subscription.consultation
    if subscription.kind == SubscriptionKind.CONSULTATION:
        if (
            consultation is not None
            and is_public(consultation)
            and subscriptions.can_subscribe_to_outcome(consultation)
        ):
            return url_for("public.subscribe_outcome", slug=consultation.slug)
    elif subscription.kind == SubscriptionKind.TOPIC:
        return url_for("public.subscribe_topic")
    elif subscription.kind == SubscriptionKind.AREA:
        return url_for("public.subscribe_area")
    return url_for("public.subscribe_start")


def _subscription_page(template: str, subscription: Subscription, **context: object) -> str:
    context.setdefault("others", subscriptions.other_active_count(subscription))
    return render_template(
        template,
        subscription=subscription,
        what=subscriptions.what_it_is(subscription),
        **context,
    )
