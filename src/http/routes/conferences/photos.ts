// The conference's photos: POST the image itself as the body (image/jpeg, png or webp; ?caption=...), read them
// back as JPEG, caption them, mark them public for the summary page, delete them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../../../commands/context.ts';
import { addPhoto, CAPTION_MAX, CONFERENCE_PHOTO_MAX_BYTES, deletePhoto, listPhotos, photoBytes, updatePhoto } from '../../../commands/conferences/photos.ts';
import { errors } from '../../../core/errors.ts';
import { requireActor } from '../../plugins/auth.ts';
import { parseWith } from '../../validate.ts';
import { Id, idOr404 } from '../units/schema.ts';

const PhotoParams = z.object({ id: z.coerce.number().pipe(Id), photoId: z.coerce.number().pipe(Id) });
const UploadQuery = z.object({ caption: z.string().max(CAPTION_MAX).optional(), lang: z.string().optional() }).strict();
const PatchBody = z.object({ caption: z.string().max(CAPTION_MAX).nullable().optional(), public: z.boolean().optional() }).strict();

function photoParams(params: unknown) {
  const p = PhotoParams.safeParse(params);
  if (!p.success) throw errors.notFound();
  return p.data;
}

export function conferencePhotoRoutes(app: FastifyInstance, services: AppServices) {
  app.get('/api/conferences/:id/photos', async (req) => {
    const ctx = requireActor(req, services);
    return { photos: await listPhotos(ctx, idOr404(req.params)) };
  });

  // A little over the photo limit so that a too-large photo gets the friendly per-field message, not a 413.
  app.post('/api/conferences/:id/photos', { bodyLimit: CONFERENCE_PHOTO_MAX_BYTES + 1024 * 1024 }, async (req, reply) => {
    const ctx = requireActor(req, services);
    const id = idOr404(req.params);
    const q = parseWith(UploadQuery, req.query);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw errors.field('photo', 'validation.required');
    const photo = await addPhoto(ctx, id, req.body, q.caption);
    void reply.status(201);
    return photo;
  });

  app.get('/api/conferences/:id/photos/:photoId.jpg', async (req, reply) => {
    const ctx = requireActor(req, services);
    const p = photoParams(req.params);
    const photo = await photoBytes(ctx, p.id, p.photoId);
    void reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=3600')
      .header('content-disposition', `inline; filename="hoi-nghi-${p.id}-anh-${p.photoId}.jpg"`);
    return reply.send(photo.bytes);
  });

  app.patch('/api/conferences/:id/photos/:photoId', async (req) => {
    const ctx = requireActor(req, services);
    const p = photoParams(req.params);
    return updatePhoto(ctx, p.id, p.photoId, parseWith(PatchBody, req.body ?? {}));
  });

  app.delete('/api/conferences/:id/photos/:photoId', async (req, reply) => {
    const ctx = requireActor(req, services);
    const p = photoParams(req.params);
    await deletePhoto(ctx, p.id, p.photoId);
    return reply.status(204).send();
  });
}
