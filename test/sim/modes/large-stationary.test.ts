// Goal: every campaign mode runs the public scenario large-stationary.json to the end (issue 3, R1).
import { runsEveryMode } from './every-mode.ts'

runsEveryMode('large-stationary')
