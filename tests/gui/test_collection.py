"""The garbage collector is held off while anyone holds it, and given back, once per hold, when the last lets go."""

import gc

from assessor_app.gui.collection import CollectionHold


def test_held_until_the_last_holder_lets_go_and_each_release_counts_once():
    assert gc.isenabled()
    hold = CollectionHold()
    first, second = hold.hold(), hold.hold()
    assert not gc.isenabled()
    first()
    first()  # a second call does nothing: the other holder still holds
    assert not gc.isenabled()
    second()
    assert gc.isenabled()
