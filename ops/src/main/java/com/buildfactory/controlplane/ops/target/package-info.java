/**
 * Where archives are kept: an S3-compatible bucket or a local folder, behind one small interface that stores,
 * fetches, lists and deletes objects, each with our own SHA-256 beside it.
 */
package com.buildfactory.controlplane.ops.target;
