/**
 * Importing a cmi5 course package (a zip with cmi5.xml at its root, cmi5 section 14): the zip is unpacked
 * within limits, cmi5.xml read (structure.ts), every unit's content checked to be in the package, and the
 * files kept; the course gets a new draft version whose lessons are the package's assignable units, for
 * the trainer to review and publish. The same bytes imported again for the same course change nothing.
 */
import crypto from 'node:crypto';
import mime from 'mime-types';
import { recordAudit } from '../../../platform/audit/audit';
import type { Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/scope';
import type { Tx } from '../../../platform/db/connect';
import { AppError } from '../../../platform/errors';
import { unpackZip, type ZipLimits } from '../../../platform/zip';
import { saveCourseVersion } from '../catalogue';
import type { Cmi5Import, Lesson } from '../contract';
import { findCourse, latestVersion } from '../store';
import { insertPackage, packageBySha, packageFile } from './store';
import { readCourseStructure, StructureError } from './structure';

/** A course package is at most 500 files and 100 MiB unpacked (a video belongs on a video service, linked). */
export const packageLimits: ZipLimits = { maxEntries: 500, maxUnpackedBytes: 100 * 2 ** 20 };

const invalid = (path: string, message: string) =>
  new AppError('validation', 'cmi5_package_invalid', `The cmi5 package cannot be imported: ${path ? `${path} ` : ''}${message}.`, [{ path, message }]);

export async function importPackage(tx: Tx, actor: Actor, courseId: string, bytes: Buffer): Promise<Cmi5Import> {
  authorize(actor, 'training.author');
  const course = await findCourse(tx, courseId, { forUpdate: true });
  if (!course) throw new AppError('not_found', 'course_not_found', `Course ${courseId} was not found.`);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const before = await packageBySha(tx, courseId, sha256);
  if (before) {
    const structure = before.structure as { units: unknown[] };
    return {
      packageId: before.id,
      isNew: false,
      version: (await latestVersion(tx, courseId))!.version,
      units: structure.units.length,
      courseActivityId: before.courseActivityId,
    };
  }
  const entries = await unpackZip(
    bytes,
    packageLimits,
    {
      tooLarge: (what) =>
        new AppError('too_large', 'cmi5_package_too_large', `The cmi5 package is larger than Concord takes: ${what}.`, [{ path: 'file', message: what }]),
      unreadable: (why) => invalid('file', why === 'not a zip file' ? 'is not a zip file' : `is unreadable (${why})`),
    },
    true,
  );
  const files = new Map(entries.map((e) => [e.path, e.data!]));
  const xml = files.get('cmi5.xml');
  if (!xml) throw invalid('cmi5.xml', 'is missing from the root of the zip');
  let structure;
  try {
    structure = readCourseStructure(xml.toString('utf8'));
  } catch (error) {
    if (error instanceof StructureError) throw invalid(`cmi5.xml${error.path ? ` ${error.path}` : ''}`, error.message.slice(`cmi5.xml ${error.path}: `.length));
    throw error;
  }
  structure.units.forEach((unit, i) => {
    const file = decodeURIComponent(unit.url.split(/[?#]/)[0]!);
    if (!files.has(file)) throw invalid(`cmi5.xml /courseStructure/au[${i + 1}]/url`, `names ${file}, which is not in the package`);
  });
  const row = await insertPackage(
    tx,
    { courseId, courseActivityId: structure.courseActivityId, structure, sha256, importedBy: actor.userId },
    entries.map((e) => ({ path: e.path, contentType: mime.lookup(e.path) || 'application/octet-stream', content: e.data! })),
  );
  const lessons: Lesson[] = structure.units.map((unit, i) => ({
    id: `au-${i + 1}`,
    title: unit.title.slice(0, 200),
    body: unit.description,
    au: {
      packageId: row.id,
      activityId: unit.activityId,
      url: unit.url,
      moveOn: unit.moveOn,
      masteryScore: unit.masteryScore,
      launchMethod: unit.launchMethod,
      launchParameters: unit.launchParameters,
    },
  }));
  const view = await saveCourseVersion(tx, actor, courseId, { description: structure.description || course.title, lessons, quiz: null });
  await recordAudit(tx, actor, {
    action: 'training.cmi5.import',
    entityType: 'training_course',
    entityId: courseId,
    after: { packageId: row.id, version: view.latestVersion, units: lessons.length, files: entries.length },
  });
  return { packageId: row.id, isNew: true, version: view.latestVersion, units: lessons.length, courseActivityId: structure.courseActivityId };
}

/** A file of an imported package, as the learner's browser asks for it. */
export async function contentFile(tx: Tx, packageId: string, path: string): Promise<{ contentType: string; content: Buffer }> {
  const file = await packageFile(tx, packageId, path);
  if (!file) throw new AppError('not_found', 'content_not_found', 'There is no such file in the course package.');
  return file;
}
