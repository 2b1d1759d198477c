"""Who may change the corpus in this browser session: the Streamlit side of `assistant.admin`.

Three configurations:
- nothing configured: the single-user local default, everyone may change the corpus (and is told so);
- a password (AICT_ADMIN_PASSWORD_HASH or AICT_ADMIN_PASSWORD): the session that typed it, until it logs out;
- OIDC (`[auth]` in .streamlit/secrets.toml, via `st.login`): the signed-in account, if AICT_ADMIN_EMAILS allows it.
The actor's name is what the audit trail records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import streamlit as st

from assistant.admin import attempt_login, configuration_error, limiter_for, password_configured
from assistant.settings import Settings

SESSION_KEY = "aict_admin"
OPEN_ACTOR = "anonyme"
PASSWORD_ACTOR = "admin"
OPEN_NOTICE = ("Aucun mot de passe administrateur n'est configuré : toute personne qui accède à l'application peut "
               "ajouter, retirer ou réindexer des documents. Pour réserver ces actions, définissez "
               "AICT_ADMIN_PASSWORD_HASH (voir le README).")


@dataclass(frozen=True)
class Access:
    password: bool  # a password is configured
    oidc: bool  # an OIDC provider is configured
    actor: str | None  # who may change the corpus now; None: read-only
    notice: str = ""  # why a signed-in account may not change the corpus

    @property
    def open(self) -> bool:
        return not (self.password or self.oidc)


def oidc_configured() -> bool:
    """True when .streamlit/secrets.toml has an `[auth]` section; never raises without a secrets file."""
    try:
        return bool(st.secrets.get("auth"))
    except Exception:  # noqa: BLE001 - no secrets file, or an unreadable one: no OIDC
        return False


def oidc_actor(user: Mapping[str, Any], allowed: tuple[str, ...]) -> tuple[str | None, str]:
    """(actor, notice) for the account `st.user` describes: its e-mail (else name or subject), if allowed."""
    if not user.get("is_logged_in"):
        return None, ""
    name = str(user.get("email") or user.get("name") or user.get("sub") or "").strip()
    if not name:
        return None, "Votre compte ne transmet ni adresse ni nom : il ne peut pas modifier le corpus."
    if allowed and name.lower() not in allowed:
        return None, f"Votre compte ({name}) n'est pas autorisé à modifier le corpus (AICT_ADMIN_EMAILS)."
    return name, ""


def current_access(settings: Settings) -> Access:
    password, oidc = password_configured(settings), oidc_configured()
    if not (password or oidc):
        return Access(False, False, OPEN_ACTOR)
    actor, notice = oidc_actor(st.user, settings.admin_emails) if oidc else (None, "")
    if actor is None and password and st.session_state.get(SESSION_KEY):
        actor = PASSWORD_ACTOR
    return Access(password, oidc, actor, notice)


def _password_form(settings: Settings) -> None:
    problem = configuration_error(settings)
    if problem:
        st.error(problem)
        return
    with st.form("admin-login", clear_on_submit=True):
        typed = st.text_input("Mot de passe administrateur", type="password", key="admin_password")
        submitted = st.form_submit_button("Se connecter", key="admin_login")
    if submitted:
        result = attempt_login(settings, typed or "", limiter_for(settings.data_dir))
        if result.ok:
            st.session_state[SESSION_KEY] = True
            st.rerun()
        st.error(result.message)


def _oidc_login() -> None:
    from streamlit.auth_util import is_authlib_installed

    if not is_authlib_installed():
        st.error("La connexion par compte est configurée mais le paquet Authlib manque : "
                 "installez-le avec « pip install \"streamlit[auth]\" ».")
        return
    if st.button("Se connecter avec le compte de la collectivité", key="oidc_login"):
        st.login()


def logout(access: Access) -> None:
    """Forget the login: the password flag leaves the session; an OIDC account loses its cookie."""
    st.session_state.pop(SESSION_KEY, None)
    if access.oidc and st.user.get("is_logged_in"):
        st.logout()
    st.rerun()


def access_panel(settings: Settings, access: Access) -> None:
    """The top of the Corpus page: who is connected, or how to connect, or that the corpus is open."""
    if access.open:
        st.warning(OPEN_NOTICE)
        return
    if access.actor:
        who = "en tant qu'administrateur" if access.actor == PASSWORD_ACTOR else f"avec le compte {access.actor}"
        left, right = st.columns([3, 1])
        left.success(f"Connecté {who} : vous pouvez ajouter, retirer et réindexer des documents.")
        if right.button("Se déconnecter", key="admin_logout"):
            logout(access)
        return
    st.info("La consultation est ouverte à tous ; ajouter, retirer ou réindexer des documents demande une connexion.")
    if access.notice:
        st.warning(access.notice)
    if access.oidc:
        _oidc_login()
    if access.password:
        _password_form(settings)
