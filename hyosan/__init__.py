"""Hyosan: a top-down arcade survival game where the horde hunts by sound."""

# The game's version, and the one source of it (pyproject reads it). A replay stores it and
# is refused by another version, so bump the minor whenever a change alters what a run does
# (any final_hash moves). 0.2.0: the horde decides at 20 Hz, a banded pipe stack is one rigid
# bundle and trolleys are cover (Trolley Shield Run's new storerooms): 0.1.0's runs do not replay.
# 0.3.0: a student switched away from while the squad holds holds where the lead left them.
# 0.4.0: a pin, rod or rope with a break_force is loaded only while a student drags what it
# holds, or by the crowd touching it (the Site's tower no longer snaps when walked into).
# 0.5.0: a follower does not panic at zombies across a drop (the Site's pit).
# 0.6.0: a student with a bow (Ha-ri in Storm Crossing) shoots instead of swinging while arrows last.
# 0.7.0: the lead's own move (C): On-jo's extinguisher cloud, Cheong-san's taunt (the random bot uses it).
# 0.8.0: Cheong-san sprints at 185 px/s (GAME.md's fastest sprinter).
# 0.9.0: a shot turns to the nearest zombie in the clear within 22.5 degrees of the facing.
# 0.10.0: Dae-su's song (C): a 10 s lure that goes where he goes.
# 0.11.0: a follower told to hold steps aside for a lead that walks into it (and goes back).
# 0.12.0: led by Nam-ra (GAME.md: followers obey her faster), the others keep their nerve twice as far.
# 0.13.0: a follower with a melee weapon (Su-hyeok's bat) swings at a chasing or biting zombie in reach.
# 0.14.0: a swing lands only where no wall, shut door or prop stands between (it hit through a door).
# 0.15.0: endless levels ([endless]), anchored props that really are fixed, hunting spawners and
# the helicopter sound (Hyosan Nights: The Roof). No campaign run changes; the roof's are new.
# 0.16.0: a lamp lights only what walls and shut doors let it reach; a prop braces a door only
# from the door's own rooms; a door is in reach from 28 px, not 22 (Storm's solver runs move).
# 0.17.0: a follower inside the area the squad gathers in walks on to the lead when one left
# outside is pressed against it (the Site's solver runs move); a bite does not infect a halfbie
# ally (Nam-ra); Yellow Markers, the campaign's fifth level.
# 0.18.0: a lone zombie that is not already chasing and sees a student stops for 0.4 s ("!")
# before it charges (horde.NOTICE_TICKS); the Trolley, Site and Yellow Markers solver runs move.
# 0.19.0: the lead's own step stops at the rim of a drop (falls.rim_guard); a push still sends a
# student over (the random bot's runs on levels with drops move).
# 0.20.0: a held prop walked into goes ahead without turning (World._steady_grip); walked away
# from, it trails as before (no solver run moves; random and greedy runs that push what they hold do).
# 0.21.0: a following archer (Ha-ri) shoots a zombie chasing or biting within 120 px in a clear
# line (actions.cover); the Storm, Yellow Markers and roof runs where she does move.
# 0.22.0: door tiles side by side are one double door, whose leaves E locks and unlocks together
# (World.door_leaves); the Auditorium's runs that lock its loading bay move.
# 0.23.0: a sneaking push on a rolling prop adds no speed past a creep (World.CAREFUL_ROLL), so a
# held sneak creeps the trolley box quietly; the Trolley runs move.
# 0.24.0: a lock at breaking point holds a second before it gives (World.GIVE_TICKS), and the
# Trolley's auditorium doors are 0.6 of a lock; runs where a crowd beats a lock move.
# 0.25.0: a grip stretched past GRIP_SLIP_PX (a dragged prop snagged) slips; only random-bot
# runs that drag a prop round a corner move (every solver and greedy run keeps its hashes).
# 0.26.0: a fallen lead passes to the friend alive nearest where they fell (World._switch_lead);
# runs where a lead falls with a nearer friend than the next in the roster move.
# 0.27.0: no zombie is placed on a tile under a prop (World.spawn_floor); Storm's and Yellow
# Markers' runs move (23 of Storm's yard crowd stood in its cars).
# 0.28.0: a follower takes no step into a prop bracing a locked door (World._spare_braces); runs
# where followers gather by a barricade move (the Trolley's, Yellow Markers', both nights').
# 0.29.0: the lead's own step eases round a wall's corner into an opening its body overlaps
# (sim.corners.corner_slip); runs where a lead walks straight at a wall beside a doorway move.
# 0.30.0: after a bite lands on a student no other does for 0.4 s (world.BITE_GRACE_TICKS); a
# hunting spawner's arrivals that lost the trail are sent to the lead again every 20 s
# (director.HUNT_RESEND_SECONDS). Runs where a crowd bites a student, and every night, move.
# 0.31.0: a prop braces a locked door only pushed up against the doorway or against a prop that
# does (sim.braces): a gap on the floor breaks the chain. The Site's, Trolley's and Roof's move.
# 0.32.0: a follower does not panic at a zombie beyond a wall, a window or a locked door
# (World.barriers): a held squad by a barricaded door ran through its brace. Runs move.
# 0.33.0: a new command, ToggleFriend (G, the pad's held RB): one follower holds or follows
# (World._order_friend); the random bot sends it, so its runs move. Followers path round the
# props bracing a locked door (squad.BRACE_WALK_COST): runs with a follower near one move.
# 0.34.0: a pair of zombies stops for the "!" beat (horde.NOTICE_ALONE_CROWD = 2); a follower
# behind a lead just inside the exit steps in beside it; followers in the exit wait there while
# the lead is outside it; zombie groups may face one way (`facing`). Runs move.
# 0.35.0: a run's random stream is keyed by what the level simulates (rng.sim_key), not its
# file's bytes: every level's runs move once, and words (comments, briefing, labels, objective
# texts) and scoring (par, stars) never again. A follower in another piece of the exit than the lead's stands there (the Trolley).
# 0.36.0: a halfbie keeps her distance (hunger.ROOM_PX): following, her slot is at the back and she
# waits a step behind whoever walks on ahead; leading, the others' slots are farther off. The
# Site's and Yellow Markers' runs move. The horde hears what a tick's second half makes (a
# bitten or falling student's scream, a door or joint breaking, a crash; World.step's `late`)
# at its next decision: before, only the rings showed them. Every level's runs move.
# 0.37.0: a follower takes no step into a prop the lead drags and steps back as it comes at them
# (World._clear_of_dragged). Runs where the lead drags a prop with the squad following move.
__version__ = "0.37.0"
