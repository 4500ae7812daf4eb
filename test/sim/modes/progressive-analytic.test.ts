// Goal: every campaign mode runs the public scenario progressive-analytic.json to the end (issue 3, R1).
import { runsEveryMode } from './every-mode.ts'

runsEveryMode('progressive-analytic')
