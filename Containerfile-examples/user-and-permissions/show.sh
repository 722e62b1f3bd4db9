#!/bin/sh
id
ls -ln /data
