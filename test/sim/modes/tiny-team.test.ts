// Goal: every campaign mode runs the scenario tiny-team.json to the end (issue 3, R1).
import { runsEveryMode } from './every-mode.ts'

runsEveryMode('tiny-team')
