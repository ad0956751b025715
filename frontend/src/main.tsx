import './zod-without-eval.ts'
import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { lang } from './i18n/locale.ts'
import './app.css'

document.documentElement.lang = lang()
const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
render(() => <App />, root)
