"""What a trainee sees until the training simulator comes: a word on it, and no client data."""

from __future__ import annotations

import streamlit as st

from assistant.i18n import _

st.markdown(f"#### {_('Training')}")
st.info(
    _(
        "Training calls come with the call simulator. Until then a trainee's login shows "
        "no client data or prices."
    )
)
