import { Hono } from 'hono'
import type { AppEnv } from '../http/app-types.ts'
import { mailSettingsRoutes } from '../notifications/mail-settings.routes.ts'
import { notificationRoutes } from '../notifications/notifications.routes.ts'
import { offerRoutes } from '../offers/offers.routes.ts'
import { meRoutes, privacyAdminRoutes } from '../privacy/privacy.routes.ts'
import { agreementRoutes } from './agreements.routes.ts'

/** Everything of interim use under /api: offers, agreements, notifications, privacy. Mounted once in app.ts. */
export const interimUseRoutes = new Hono<AppEnv>()
  .route('/offers', offerRoutes)
  .route('/agreements', agreementRoutes)
  .route('/notifications/mail', mailSettingsRoutes)
  .route('/notifications', notificationRoutes)
  .route('/me', meRoutes)
  .route('/privacy', privacyAdminRoutes)
