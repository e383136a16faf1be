"""A respondent withdraws their equality answers with their response reference: find, confirm,
done. The rest of their response is kept."""

from __future__ import annotations

from flask import render_template, request

from involve.abuse_limits import WITHDRAW_EQUALITY, limit_posts
from involve.public.routes import public
from involve.public.withdrawal_forms import NOT_FOUND, ConfirmWithdrawalForm, FindReferenceForm
from involve.services.equality_withdrawal import find_withdrawable, withdraw_equality_answers


@public.route("/withdraw-equality-answers", methods=["GET", "POST"])
@limit_posts(WITHDRAW_EQUALITY)
def withdraw_equality() -> str:
    if request.method == "POST" and request.form.get("confirm") == "yes":
        return _confirmed()
    form = FindReferenceForm()
    if form.validate_on_submit():
        response = find_withdrawable(form.reference.data or "")
        if response is not None:
            confirm = ConfirmWithdrawalForm(formdata=None, data={"reference": response.reference})
            return render_template(
                "public/withdraw_equality_confirm.html", form=confirm, response=response
            )
        form.reference.errors = [NOT_FOUND]
    return render_template("public/withdraw_equality.html", form=form)


def _confirmed() -> str:
    confirm = ConfirmWithdrawalForm()
    response = find_withdrawable(confirm.reference.data or "") if confirm.validate() else None
    if response is None:
        # Withdrawn already (a second click) or a tampered form: start again, saying so.
        form = FindReferenceForm(formdata=None, data={"reference": confirm.reference.data or ""})
        form.reference.errors = [NOT_FOUND]
        return render_template("public/withdraw_equality.html", form=form)
    withdraw_equality_answers(response=response, actor=None)
    return render_template("public/withdraw_equality_done.html", response=response)
