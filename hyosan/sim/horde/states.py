"""A zombie's behaviour states: the values of the horde's uint8 column ``state``."""

IDLE, WANDER, INVESTIGATE, CHASE, ATTACK, FEED = range(6)
STATE_NAMES = ("idle", "wander", "investigate", "chase", "attack", "feed")
