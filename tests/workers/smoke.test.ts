import { env, exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo';
import { workerDeps } from '../../worker/src/index';

it('seeds', async () => {
  const demo = await seedDemo(workerDeps(env).storage, Date.now(), { arena: false });
  const res = await exports.default.fetch('http://shop.test/api/shops/shp_demo');
  expect(res.status).toBe(200);
  console.log(demo, await res.json());
});
